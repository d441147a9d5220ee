import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback HTTP server whose routes a test sets, counting requests per path. */
export interface LocalServer {
  base: string;
  routes: Map<string, Handler>;
  /** Every request in order: path and the conditional headers it carried. */
  requests: Array<{ path: string; ifNoneMatch: string | null; ifModifiedSince: string | null; userAgent: string | null }>;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startLocalServer(): Promise<LocalServer> {
  const routes = new Map<string, Handler>();
  const requests: LocalServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === "string" ? value : null;
    };
    requests.push({ path, ifNoneMatch: header("if-none-match"), ifModifiedSince: header("if-modified-since"), userAgent: header("user-agent") });
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Serves `body()` with an ETag derived from it, answering 304 when the client already has it. */
export function conditional(contentType: string, body: () => string): Handler {
  return (req, res) => {
    const text = body();
    const etag = `"${createHash("sha256").update(text).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { "content-type": contentType, etag }).end(text);
  };
}
