import { mqttChapter } from './statement.ts';

/** Chapter 1 of MQTT 3.1.1: terminology and data representation. */
export const MQTT_CHAPTER_1 = mqttChapter([
  {
    id: 'MQTT-1.5.3-2',
    binds: 'both',
    text:
      'A UTF-8 string in a packet never contains the null character U+0000; a server or client that receives ' +
      'one closes the network connection.',
  },
]);
