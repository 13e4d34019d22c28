import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeServer, type Logger, listenOn } from "../../shared/index.js";

/** One scrape: the text exposition format and its content type. */
export type Scrape = () => Promise<{ readonly contentType: string; readonly body: string }>;

export interface MetricsListener {
  /** `http://HOST:PORT/metrics`, with the real port when asked for port 0. */
  readonly url: string;
  close(): Promise<void>;
}

/** The path Prometheus scrapes by default (Prometheus configuration, `metrics_path`). */
const PATH = "/metrics";

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}

async function serve(req: IncomingMessage, res: ServerResponse, scrape: Scrape, log: Logger): Promise<void> {
  const path = (req.url ?? "").split("?")[0];
  if (path !== PATH) return answer(res, 404, "not found: this listener serves only /metrics\n");
  if (req.method !== "GET" && req.method !== "HEAD")
    return answer(res, 405, "method not allowed\n", { allow: "GET, HEAD" });
  try {
    const { contentType, body } = await scrape();
    res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    log.error({ err: error }, "metrics: the scrape failed");
    answer(res, 500, "the metrics could not be collected; see the log\n");
  }
}

/**
 * The second listener (README: Metrics): only `GET /metrics`, on its own address, so the
 * metrics can stay on a private interface while the API is public. A busy port fails start-up.
 */
export async function listenForScrapes(
  host: string,
  port: number,
  scrape: Scrape,
  log: Logger,
): Promise<MetricsListener> {
  const server = createServer((req, res) => {
    void serve(req, res, scrape, log);
  });
  const listening = await listenOn(server, host, port, "the metrics listener");
  server.on("error", (error) => log.error({ err: error }, "metrics: the listener failed"));
  return {
    url: `${listening.url}${PATH}`,
    close: () => closeServer(server),
  };
}
