package io.tendril.config;

/**
 * The cluster-wide send rates, each counted in the database and 0 for no limit: emails started
 * per second and per hour by all nodes together, and emails per minute to one recipient domain.
 */
public record SendRates(int perSecond, int perHour, int perDomainPerMinute) {

    /** No limit at all. */
    public static final SendRates NONE = new SendRates(0, 0, 0);

    /**
     * Returns the emails per second the sender paces itself to, 0 for no pacing. That is the
     * per-second rate, or, when only an hourly rate is set, an even share of it. A burst then
     * spreads over the hour instead of spending it in the first minute.
     */
    public int pacePerSecond() {
        if (perSecond > 0) {
            return perSecond;
        }
        return perHour > 0 ? (perHour + 3599) / 3600 : 0;
    }

    /** Returns true when sends reserve per-second and per-hour slots. */
    public boolean global() {
        return perSecond > 0 || perHour > 0;
    }

    @Override
    public String toString() {
        return "SendRates[perSecond=" + describe(perSecond) + ", perHour=" + describe(perHour)
                + ", perDomainPerMinute=" + describe(perDomainPerMinute) + "]";
    }

    private static String describe(int rate) {
        return rate == 0 ? "unlimited" : String.valueOf(rate);
    }
}
