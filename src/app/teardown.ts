/**
 * What a start-up has started so far, stopped in the reverse order: by `stop` when the service
 * stops, or at once when a later step of the start-up fails, so that a failed start leaves no
 * listener, timer, open store or data directory claim behind (an embedder may start again).
 */
export class Teardown {
  private readonly stops: (() => void | Promise<void>)[] = [];

  add(stop: () => void | Promise<void>): void {
    this.stops.push(stop);
  }

  /** Runs `start`; when it fails, stops what it had started and rethrows its error. */
  async guard<T>(start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } catch (error) {
      // The start-up's error is the one to report; a stop failing after it would only hide it.
      await this.stop().catch(() => {});
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (let stop = this.stops.pop(); stop; stop = this.stops.pop()) await stop();
  }
}
