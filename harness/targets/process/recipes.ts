import { mosquittoRecipe } from './mosquitto.ts';
import type { ProcessBrokerRecipe } from './process-target.ts';

/** The `process:<name>` targets this machine may run. */
export const PROCESS_RECIPES: Readonly<Record<string, ProcessBrokerRecipe>> = {
  mosquitto: mosquittoRecipe,
};
