/** A price change an AP holds for one of its tags until the tag's next poll (ESL-2). */
export interface PriceTask {
  readonly taskId: string;
  readonly tagId: string;
  readonly price: string;
}

/** What a tag tells its AP at every poll (ESL-1). */
export interface TagStatus {
  readonly tagId: string;
  readonly display: string;
  readonly battery: number;
}

/** The radio side of a smart AP, as a tag sees it. */
export interface TagRadio {
  /** Exchanges status for a pending task, if there is one (ESL-1, ESL-2). */
  exchange(status: TagStatus): PriceTask | undefined;
  /** The tag now shows the task's price (ESL-2: the AP acknowledges upstream). */
  shown(task: PriceTask): void;
}

/**
 * An electronic price tag. Not an MQTT client: it talks to its AP over a short-range radio by
 * periodic polling (ESL-1), driven by the store's poller rather than a timer of its own.
 */
export class VirtualTag {
  /** False once the battery is flat: the tag stops polling. */
  alive = true;

  constructor(
    readonly id: string,
    public display: string,
    public battery = 100,
  ) {}

  poll(radio: TagRadio): void {
    if (!this.alive) return;
    const task = radio.exchange({ tagId: this.id, display: this.display, battery: this.battery });
    if (!task) return;
    this.display = task.price;
    radio.shown(task);
  }
}
