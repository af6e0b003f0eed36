import { mqttChapter } from './statement.ts';

/** Chapter 6 of MQTT 3.1.1: MQTT over WebSocket (observable where the target serves it: websocket.feature, @needs-websocket). */
export const MQTT_CHAPTER_6 = mqttChapter([
  {
    id: 'MQTT-6.0.0-1',
    binds: 'both',
    text:
      'Over WebSocket, MQTT packets travel in binary data frames; a receiver of any other kind of data frame ' +
      'closes the network connection.',
  },
  {
    id: 'MQTT-6.0.0-2',
    binds: 'both',
    text:
      'A WebSocket frame may hold several packets or part of one: a receiver never assumes that packets line ' +
      'up with frame boundaries.',
  },
  {
    id: 'MQTT-6.0.0-3',
    binds: 'client',
    text: 'A WebSocket client offers the subprotocol "mqtt".',
  },
  {
    id: 'MQTT-6.0.0-4',
    binds: 'server',
    text: 'The WebSocket subprotocol the server selects and returns is "mqtt".',
  },
]);
