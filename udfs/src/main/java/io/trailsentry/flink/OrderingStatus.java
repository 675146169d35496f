package io.trailsentry.flink;

/**
 * What {@link EventOrderer} keeps beside a principal's ordering buffer: how many events it holds
 * (the safety valve) and the earliest event time in it, where the principal's one event-time timer
 * is set. A Flink POJO; cleared when the buffer empties.
 */
public class OrderingStatus {
    /** Events in the buffer. */
    public int buffered;

    /** The earliest event time in the buffer: the time of the principal's timer. */
    public long earliest;

    /**
     * The sequence number of the next buffered event (20 bits, wrapping): with its time, the key of
     * its own buffer entry.
     */
    public int seq;

    /**
     * The first few buffered events themselves ({@link EventOrderer#INLINE} at most), so that a
     * principal with little in flight, most of them, costs one state value and no buffer entries;
     * later ones go to the buffer map. Null in a status written by an earlier release. (An array: a
     * {@code List} field would be a generic type to Flink.)
     */
    public io.trailsentry.cloudtrail.CloudTrailEvent[] inline;

    public OrderingStatus() {}

    OrderingStatus(int buffered, long earliest) {
        this.buffered = buffered;
        this.earliest = earliest;
    }
}
