import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { runAuth, runCredentials } from '../../harness/auth/run-login.ts';
import { ScenarioNamespace } from '../../harness/client/namespace.ts';
import type { MqChoice } from '../../harness/mq/mq-choice.ts';
import { capabilityReason } from '../../harness/p2p/applicability.ts';
import { clientIdScheme } from '../../harness/profiles/client-id-scheme.ts';
import { runProfile } from '../../harness/profiles/load-profile.ts';
import {
  deniedPublishTopic,
  harnessHome,
  notApplicableReason,
  type Profile,
} from '../../harness/profiles/profile.ts';
import { ruleIds } from '../../harness/report/rule-ids.ts';
import type { RunContext } from '../../harness/run/run-context.ts';
import { AuthStage } from '../../harness/stages/auth-stage.ts';
import { ClientStage } from '../../harness/stages/client-stage.ts';
import { ConnectStage } from '../../harness/stages/connect-stage.ts';
import { MalformedStage } from '../../harness/stages/malformed-stage.ts';
import { MqStage } from '../../harness/stages/mq-stage.ts';
import { P2pStage } from '../../harness/stages/p2p-stage.ts';
import { PublishStage } from '../../harness/stages/publish-stage.ts';
import { RuleStage } from '../../harness/stages/rule-stage.ts';
import { SessionStage } from '../../harness/stages/session-stage.ts';
import { SubscriptionStage } from '../../harness/stages/subscription-stage.ts';
import type { Stage } from '../../harness/stages/stage.ts';
import { WebSocketStage } from '../../harness/stages/websocket-stage.ts';
import { webSocketEndpoint } from '../../harness/targets/broker-target.ts';
import type { RunTarget } from '../../harness/targets/run-target.ts';
import { SolutionStage } from '../../simulators/solutions/stage.ts';

/**
 * The state of one scenario: the broker of the run, the scenario's namespace and its stages. Each stage
 * is made on first use and remembered in `stages`; the After hook (hooks.ts) reports and closes them.
 */
export class HarnessWorld extends World {
  target!: RunTarget;
  namespace!: ScenarioNamespace;
  /** The profile the run checks (the CLI's --profile, else the broker's own, else mqtt-3.1.1). */
  profile!: Profile;
  /** Why the scenario does not apply under the profile; the Before hook then skips it. */
  notApplicable: string | undefined;
  /** The run's MQ side (`--mq`): memory, amqp or none with the reason. */
  mqChoice!: MqChoice;
  /** Where the target serves MQTT over WebSocket, if it does (chapter 6 scenarios, @needs-websocket). */
  webSocketUrl: string | undefined;
  /** [MQTT-3.3.5-2]: the topic the run may not publish to (profile config, else the target's), if known. */
  deniedPublishTopic: string | undefined;
  /** The scenario's rule tags (CID-1 …), named in the raw probes' failures. */
  #ruleIds: readonly string[] = [];
  readonly #stages: Stage[] = [];
  #clients: ClientStage | undefined;
  #rules: RuleStage | undefined;
  #sessions: SessionStage | undefined;
  #malformed: MalformedStage | undefined;
  #connects: ConnectStage | undefined;
  #auth: AuthStage | undefined;
  #mq: MqStage | undefined;
  #p2p: P2pStage | undefined;
  #solutions: SolutionStage | undefined;
  #publishing: PublishStage | undefined;
  #subscriptions: SubscriptionStage | undefined;
  #webSockets: WebSocketStage | undefined;

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
    this.mqChoice = run.mq;
    this.webSocketUrl = webSocketEndpoint(target);
    this.deniedPublishTopic = deniedPublishTopic(this.profile, target.capabilities);
    this.#ruleIds = ruleIds(tags).map((rule) => rule.id);
    const byProfile = notApplicableReason(this.profile, tags);
    this.notApplicable = byProfile
      ? `under the ${this.profile.name} profile: ${byProfile}`
      : capabilityReason(tags, {
          p2p: target.capabilities.p2p,
          mq: this.mqChoice,
          auth: runAuth(),
          ...(this.webSocketUrl === undefined ? {} : { webSocket: this.webSocketUrl }),
          ...(this.deniedPublishTopic === undefined ? {} : { deniedPublishTopic: this.deniedPublishTopic }),
        });
  }

  /** The stages this scenario made, oldest first. */
  get stages(): readonly Stage[] {
    return this.#stages;
  }

  /** The MQTT.js clients of the scenario, by actor name. */
  get clients(): ClientStage {
    return (this.#clients ??= this.#made(new ClientStage(this.target.url, this.namespace)));
  }

  /** The raw-socket actors of the CID/TOP scenarios, naming the scenario's rule tags in failures. */
  get rules(): RuleStage {
    const { url } = this.target;
    const rules = this.#ruleIds;
    return (this.#rules ??= this.#made(
      new RuleStage(url, this.profile, this.namespace, rules, this.mqChoice, this.deniedPublishTopic),
    ));
  }

  /** QoS × cleanSession (QCS): raw-packet subscribers that show DUP flags and can withhold acks. */
  get sessions(): SessionStage {
    return (this.#sessions ??= this.#made(new SessionStage(this.target.url, this.namespace, this.profile)));
  }

  /** The malformed-packet probes; they share the raw actors of `rules`. */
  get malformed(): MalformedStage {
    return (this.#malformed ??= this.#made(new MalformedStage(this.rules)));
  }

  /** Hand-written CONNECTs, control packets and keep-alive (connect-*.feature); they share the raw actors of `rules`. */
  get connects(): ConnectStage {
    return (this.#connects ??= this.#made(new ConnectStage(this.rules)));
  }

  /** SUBSCRIBE/UNSUBSCRIBE checks on bare sockets, naming the scenario's rule tags in failures. */
  get subscriptions(): SubscriptionStage {
    const { url } = this.target;
    const rules = this.#ruleIds;
    return (this.#subscriptions ??= this.#made(new SubscriptionStage(url, this.namespace, rules)));
  }

  /** The authentication actors (PUB-4, SEC-3), logging in from the run's credentials. */
  get auth(): AuthStage {
    return (this.#auth ??= this.#made(new AuthStage(this.clients, runCredentials())));
  }

  /** The scenario's MQ side (MQM, P2P-3). */
  get mq(): MqStage {
    return (this.#mq ??= this.#made(new MqStage(this.mqChoice, this.clients, this.profile)));
  }

  /** The scenario's P2P senders and receivers, connected as the run's P2P mode requires. */
  get p2p(): P2pStage {
    const { p2p } = this.target.capabilities;
    return (this.#p2p ??= this.#made(new P2pStage(this.clients, this.profile, p2p)));
  }

  /** PUBLISH on the wire (issue 12): publishers that choose flags and packet IDs, subscribers that show them. */
  /** The publish stage when `actor` is one of its publishers (else the actor is a session stage's). */
  publisherStage(actor: string): PublishStage | undefined {
    return this.#publishing?.isPublisher(actor) ? this.#publishing : undefined;
  }

  get publishing(): PublishStage {
    return (this.#publishing ??= this.#made(new PublishStage(this.target.url, this.namespace)));
  }

  /** MQTT over WebSocket at the frame level (chapter 6); only @needs-websocket scenarios reach it. */
  get webSockets(): WebSocketStage {
    const url = this.webSocketUrl;
    if (url === undefined)
      throw new Error('the target serves no MQTT over WebSocket (a scenario without @needs-websocket)');
    return (this.#webSockets ??= this.#made(new WebSocketStage(url, this.namespace, this.#ruleIds)));
  }

  /** The simulated solutions of the scenario (phones, smart APs, CSG and their services). */
  get solutions(): SolutionStage {
    const { url, capabilities } = this.target;
    const options = {
      url,
      p2p: capabilities.p2p,
      scope: this.namespace.id,
      mq: this.mqChoice,
      profile: this.profile,
    };
    return (this.#solutions ??= this.#made(new SolutionStage(options)));
  }

  #made<T extends Stage>(stage: T): T {
    this.#stages.push(stage);
    return stage;
  }
}

setWorldConstructor(HarnessWorld);
