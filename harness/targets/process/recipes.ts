import { mosquittoRecipe } from './mosquitto.ts';
import { natsRecipe } from './nats.ts';
import type { ProcessBrokerRecipe } from './process-target.ts';
import { rabbitmqRecipe } from './rabbitmq.ts';

/** The `process:<name>` targets this machine may run. */
export const PROCESS_RECIPES: Readonly<Record<string, ProcessBrokerRecipe>> = {
  mosquitto: mosquittoRecipe,
  nats: natsRecipe,
  rabbitmq: rabbitmqRecipe,
};
