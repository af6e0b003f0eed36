import { mqttChapter } from './statement.ts';

/** Chapter 2 of MQTT 3.1.1: the control packet format (fixed header flags, packet identifiers). */
export const MQTT_CHAPTER_2 = mqttChapter([
  {
    id: 'MQTT-2.2.2-1',
    binds: 'both',
    text: 'The fixed-header flag bits Table 2.2 marks as reserved carry exactly the values that table gives.',
  },
  {
    id: 'MQTT-2.2.2-2',
    binds: 'both',
    text: 'A receiver of a packet whose fixed-header flags are invalid closes the network connection.',
  },
  {
    id: 'MQTT-2.3.1-1',
    binds: 'both',
    text: 'SUBSCRIBE, UNSUBSCRIBE and every PUBLISH with QoS > 0 carry a non-zero 16-bit packet identifier.',
  },
  {
    id: 'MQTT-2.3.1-2',
    binds: 'client',
    text: 'A client gives every new SUBSCRIBE, UNSUBSCRIBE and QoS > 0 PUBLISH a packet identifier not in use.',
  },
  {
    id: 'MQTT-2.3.1-3',
    binds: 'client',
    text:
      'A client re-sending a packet reuses its packet identifier; the identifier is free again only once the ' +
      'acknowledgement that ends the flow (PUBACK, PUBCOMP, SUBACK, UNSUBACK) has been processed.',
  },
  {
    id: 'MQTT-2.3.1-4',
    binds: 'server',
    text:
      'The same holds for a server sending QoS > 0 PUBLISH packets: a re-send keeps its packet identifier, ' +
      'and an identifier is not used for another message while its flow is unfinished.',
  },
  {
    id: 'MQTT-2.3.1-5',
    binds: 'both',
    text: 'A QoS 0 PUBLISH carries no packet identifier.',
  },
  {
    id: 'MQTT-2.3.1-6',
    binds: 'both',
    text:
      'A PUBACK, PUBREC or PUBREL carries the same packet identifier as the PUBLISH it acknowledges or ' +
      'releases.',
  },
  {
    id: 'MQTT-2.3.1-7',
    binds: 'server',
    text: 'A SUBACK or UNSUBACK carries the packet identifier of the SUBSCRIBE or UNSUBSCRIBE it answers.',
  },
]);
