import { mqttChapter } from './statement.ts';

/** Chapter 1 of MQTT 3.1.1: terminology and data representation (§1.5.3, UTF-8 strings). */
export const MQTT_CHAPTER_1 = mqttChapter([
  {
    id: 'MQTT-1.5.3-1',
    binds: 'both',
    text:
      'The characters of a UTF-8 string in a packet are well-formed UTF-8 (no encoded surrogates ' +
      'U+D800–U+DFFF); a server or client that receives ill-formed UTF-8 closes the network connection.',
  },
  {
    id: 'MQTT-1.5.3-2',
    binds: 'both',
    text:
      'A UTF-8 string in a packet never contains the null character U+0000; a server or client that receives ' +
      'one closes the network connection.',
  },
  {
    id: 'MQTT-1.5.3-3',
    binds: 'both',
    text:
      'The bytes 0xEF 0xBB 0xBF in a string always mean U+FEFF (zero width no-break space); a receiver keeps ' +
      'them where they are and never skips or strips them.',
  },
]);
