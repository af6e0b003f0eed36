import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { ScenarioClients } from '../../harness/client/scenario-clients.ts';
import { ScenarioNamespace } from '../../harness/client/namespace.ts';
import type { RunTarget } from '../../harness/targets/run-target.ts';

/** The state of one scenario: the broker of the run, the scenario's namespace and its actors. */
export class HarnessWorld extends World {
  target!: RunTarget;
  namespace!: ScenarioNamespace;
  clients!: ScenarioClients;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** Called by the Before hook, once the run's broker is known. */
  begin(target: RunTarget, scenarioKey: string): void {
    this.target = target;
    this.namespace = new ScenarioNamespace(scenarioKey);
    this.clients = new ScenarioClients(target.url, this.namespace);
  }
}

setWorldConstructor(HarnessWorld);
