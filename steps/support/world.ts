import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { AuthScenario } from '../../harness/auth/auth-scenario.ts';
import { runAuth, runCredentials } from '../../harness/auth/run-login.ts';
import { ScenarioClients } from '../../harness/client/scenario-clients.ts';
import { ScenarioNamespace } from '../../harness/client/namespace.ts';
import type { MqChoice } from '../../harness/mq/mq-choice.ts';
import { ScenarioMq } from '../../harness/mq/scenario-mq.ts';
import { capabilityReason } from '../../harness/p2p/applicability.ts';
import { ScenarioP2p } from '../../harness/p2p/scenario-p2p.ts';
import { MalformedScenario } from '../../harness/probe/malformed-scenario.ts';
import { RuleScenario } from '../../harness/probe/rule-scenario.ts';
import { clientIdScheme } from '../../harness/profiles/client-id-scheme.ts';
import { runProfile } from '../../harness/profiles/load-profile.ts';
import { harnessHome, notApplicableReason, type Profile } from '../../harness/profiles/profile.ts';
import { ruleIds } from '../../harness/report/rule-ids.ts';
import type { RunContext } from '../../harness/run/run-context.ts';
import type { RunTarget } from '../../harness/targets/run-target.ts';
import { SolutionStage } from '../../simulators/solutions/stage.ts';

/** The state of one scenario: the broker of the run, the scenario's namespace and its actors. */
export class HarnessWorld extends World {
  target!: RunTarget;
  namespace!: ScenarioNamespace;
  clients!: ScenarioClients;
  /** The profile the run checks (the CLI's --profile, else the broker's own, else mqtt-3.1.1). */
  profile!: Profile;
  /** The raw-socket actors of the CID/TOP scenarios. */
  rules!: RuleScenario;
  /** Why the scenario does not apply under the profile; the Before hook then skips it. */
  notApplicable: string | undefined;
  /** The run's MQ side (`--mq`): memory, amqp or none with the reason. */
  mqChoice!: MqChoice;
  #solutions: SolutionStage | undefined;
  #mq: ScenarioMq | undefined;
  #p2p: ScenarioP2p | undefined;
  #malformed: MalformedScenario | undefined;
  #auth: AuthScenario | undefined;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** Called by the Before hook with the run's context (harness/run/run-context.ts), once its broker is known. */
  begin(run: RunContext, scenarioKey: string, tags: readonly string[] = []): void {
    const { target } = run;
    this.target = target;
    this.profile = runProfile(target.capabilities.profile, run).profile;
    const home = harnessHome(this.profile);
    this.namespace = new ScenarioNamespace(
      scenarioKey,
      home.groupId,
      home.parentTopic,
      clientIdScheme(this.profile),
    );
    this.clients = new ScenarioClients(target.url, this.namespace);
    this.mqChoice = run.mq;
    this.rules = new RuleScenario(
      target.url,
      this.profile,
      this.namespace,
      ruleIds(tags).map((rule) => rule.id),
      this.mqChoice,
    );
    const byProfile = notApplicableReason(this.profile, tags);
    this.notApplicable = byProfile
      ? `under the ${this.profile.name} profile: ${byProfile}`
      : capabilityReason(tags, { p2p: target.capabilities.p2p, mq: this.mqChoice, auth: runAuth() });
  }

  /** The malformed-packet probes; they share the raw actors of `rules` and are closed with them. */
  get malformed(): MalformedScenario {
    return (this.#malformed ??= new MalformedScenario(this.rules));
  }

  /** The authentication actors (PUB-4, SEC-3), logging in from the run's credentials; made on first use. */
  get auth(): AuthScenario {
    return (this.#auth ??= new AuthScenario(this.clients, runCredentials()));
  }

  get authInUse(): AuthScenario | undefined {
    return this.#auth;
  }

  /** The scenario's MQ side (MQM, P2P-3), made on first use. */
  get mq(): ScenarioMq {
    return (this.#mq ??= new ScenarioMq(this.mqChoice, this.clients, this.profile));
  }

  get mqInUse(): ScenarioMq | undefined {
    return this.#mq;
  }

  /** The scenario's P2P senders and receivers, connected as the run's P2P mode requires. */
  get p2p(): ScenarioP2p {
    return (this.#p2p ??= new ScenarioP2p(this.clients, this.profile, this.target.capabilities.p2p));
  }

  /** The simulated solutions of the scenario (phones, smart APs, CSG and their services), made on first use. */
  get solutions(): SolutionStage {
    const { url, capabilities } = this.target;
    return (this.#solutions ??= new SolutionStage({
      url,
      p2p: capabilities.p2p,
      scope: this.namespace.id,
      mq: this.mqChoice,
      profile: this.profile,
    }));
  }

  /** The stage if the scenario used one, for cleanup and the report. */
  get solutionsInUse(): SolutionStage | undefined {
    return this.#solutions;
  }
}

setWorldConstructor(HarnessWorld);
