/** An MQTT quality-of-service level [MQTT-4.3]: the one declaration every harness module imports. */
export type QoS = 0 | 1 | 2;

/** SUBACK return code for a refused subscription [MQTT-3.9.3-2]. */
export const SUBACK_FAILURE = 0x80;
