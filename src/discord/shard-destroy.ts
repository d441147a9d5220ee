import { createRequire } from "node:module";
import type { WebSocketShardDestroyOptions } from "@discordjs/ws";
import { WebSocket } from "ws";

// The CommonJS build discord.js requires: an ESM import would load @discordjs/ws's other build, another class.
const { WebSocketShard } = createRequire(import.meta.url)("@discordjs/ws") as typeof import("@discordjs/ws");

/** The parts of @discordjs/ws's shard (1.2.3) this fix wraps; private in its typings. */
interface ShardInternals {
  connection: WebSocket | null;
  connect: (this: ShardInternals) => Promise<void>;
  internalConnect: (this: ShardInternals) => Promise<void>;
  destroy: (this: ShardInternals, options?: WebSocketShardDestroyOptions) => Promise<void>;
  debug: (this: ShardInternals, messages: string[]) => void;
}

/** Shards destroyed for good (the client's `destroy()`), until they are connected again. */
const stopped = new WeakSet<ShardInternals>();
let installed = false;

/**
 * Two flaws of @discordjs/ws's `WebSocketShard#destroy` (1.2.3, unchanged upstream), both met when
 * the bot stops, or a hello times out, while a reconnect is under way:
 *
 * - A connection still opening (readyState CONNECTING) is neither closed nor kept listened to:
 *   destroy removes its error handler and leaves it, so when its handshake then fails (the peer
 *   resets it: `connect ECONNRESET`, "socket hang up") ws emits `error` with no listener and the
 *   process dies of an uncaught "Unhandled 'error' event". Here it is terminated, with a listener
 *   that sends its error to the shard's debug log.
 * - A destroy that comes during the half second a reconnecting shard waits finds the shard idle and
 *   returns, and the shard then connects anyway: a destroyed client reconnecting every 500 ms for
 *   ever, which keeps a stopped bot's process alive. Here a shard destroyed for good does not
 *   reconnect until it is connected again (`client.login`).
 *
 * Installed once, on @discordjs/ws's class, for every client in the process.
 */
export function fixShardDestroy(): void {
  if (installed) return;
  installed = true;
  const shard = WebSocketShard.prototype as unknown as ShardInternals;
  const { connect, internalConnect, destroy } = shard;

  shard.connect = function () {
    stopped.delete(this);
    return connect.call(this);
  };

  shard.internalConnect = async function () {
    if (stopped.has(this)) {
      this.debug(["Not reconnecting: the shard was destroyed while it waited to reconnect"]);
      return;
    }
    return internalConnect.call(this);
  };

  shard.destroy = function (options = {}) {
    if (options.recover === undefined) stopped.add(this);
    const opening = this.connection;
    if (opening?.readyState === WebSocket.CONNECTING) {
      // What destroy does to the connection it leaves, before ws reports the termination (next tick).
      opening.onmessage = null;
      opening.onclose = null;
      opening.on("error", (error: Error) => this.debug([`Ignored the error of a connection abandoned while opening: ${error.message}`]));
      opening.terminate();
    }
    return destroy.call(this, options);
  };
}
