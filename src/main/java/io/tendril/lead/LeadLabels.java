package io.tendril.lead;

import java.util.regex.Pattern;

/**
 * The rules for a lead's stage and tags, shared by every API that sets them: lead edits, and
 * the stage and tag steps and goal exits of sequences.
 */
public final class LeadLabels {

    /** The maximum length of one tag, in characters. */
    public static final int MAX_TAG = 40;
    /** The maximum number of tags in one list. */
    public static final int MAX_TAGS = 100;
    /** The maximum length of a stage, in characters. */
    public static final int MAX_STAGE = 40;
    /** The stage rule, as error messages state it. */
    public static final String STAGE_RULE = "Use 1 to 40 lowercase letters, digits, '_' and"
            + " '-', such as 'mql'.";
    private static final Pattern STAGE = Pattern.compile("[a-z0-9_-]{1,40}");

    private LeadLabels() {
    }

    /** Returns whether {@code stage} is a valid stage name; null is not. */
    public static boolean isStage(String stage) {
        return stage != null && STAGE.matcher(stage).matches();
    }
}
