import { randomBytes } from "node:crypto";
import { channelObject, messageObject, userObject, type Json } from "./payloads.js";
import { MEMBER_PERMISSIONS, type SandboxState } from "./state.js";
import { Waiters } from "./waiters.js";
import type { AutocompleteChoice, InteractionEvent, InteractionInput, InteractionOptionInput, ResponseBody, SandboxMessage } from "./types.js";

const EPHEMERAL = 64;

/** Everything the bot did with one interaction, in order, and who is waiting for what. */
export class InteractionRecord {
  readonly token = randomBytes(24).toString("base64url");
  readonly createdAt = Date.now();
  readonly events: InteractionEvent[] = [];
  callbackType: number | null = null;
  /** The message the first response created or, for a component, the message the component sits on. */
  originalMessageId: string | null = null;
  readonly followUpIds: string[] = [];
  expired = false;
  readonly waiters = new Waiters();

  constructor(
    readonly id: string,
    readonly kind: "command" | "autocomplete" | "button",
    readonly guildId: string,
    readonly channelId: string,
    readonly componentMessageId: string | null,
  ) {}

  record(event: Omit<InteractionEvent, "at">): void {
    this.events.push({ ...event, at: Date.now() });
    this.waiters.notify();
  }

  /** Settled as a user would see it: an answer is on screen, or a deferral has been replaced by content. */
  get settled(): boolean {
    if (this.callbackType === null) return false;
    if (this.callbackType === 5 || this.callbackType === 6) {
      return this.events.some((event) => event.kind === "edit" || event.kind === "followUp");
    }
    return true;
  }
}

/** A live view of how the bot answered an interaction; it keeps updating as edits and follow-ups arrive. */
export class InteractionReply {
  constructor(
    private readonly interaction: InteractionRecord,
    private readonly state: SandboxState,
  ) {}

  get interactionId(): string {
    return this.interaction.id;
  }

  /** 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete choices, 9 modal. */
  get callbackType(): number | null {
    return this.interaction.callbackType;
  }

  get deferred(): boolean {
    return this.callbackType === 5 || this.callbackType === 6;
  }

  get events(): readonly InteractionEvent[] {
    return this.interaction.events;
  }

  /** The reply message (or, for a component, the message it sits on) as it stands now. */
  get original(): SandboxMessage | null {
    const id = this.interaction.originalMessageId;
    return id === null ? null : (this.state.messages.get(id) ?? null);
  }

  get content(): string {
    return this.original?.content ?? "";
  }

  get embeds(): SandboxMessage["embeds"] {
    return this.original?.embeds ?? [];
  }

  get components(): unknown[] {
    return this.original?.components ?? [];
  }

  get flags(): number {
    return this.original?.flags ?? 0;
  }

  get ephemeral(): boolean {
    return (this.flags & EPHEMERAL) !== 0;
  }

  get allowedMentions(): unknown {
    return this.original?.allowedMentions ?? null;
  }

  get choices(): AutocompleteChoice[] | null {
    const callback = this.events.find((event) => event.kind === "callback" && event.callbackType === 8);
    return callback ? ((callback.body.choices as AutocompleteChoice[] | undefined) ?? []) : null;
  }

  get edits(): ResponseBody[] {
    return this.events.filter((event) => event.kind === "edit").map((event) => event.body);
  }

  get followUps(): SandboxMessage[] {
    return this.interaction.followUpIds.flatMap((id) => this.state.messages.get(id) ?? []);
  }

  /** Waits until `predicate` holds for this reply (a follow-up arrived, a button update landed…). */
  async waitFor(predicate: (reply: InteractionReply) => boolean, timeoutMs = 5000): Promise<InteractionReply> {
    await this.interaction.waiters.waitFor(
      () => predicate(this),
      timeoutMs,
      () => `interaction ${this.interactionId}: condition not met within ${timeoutMs} ms`,
    );
    return this;
  }

  /** Waits until the bot has been quiet on this interaction for `quietMs`: all its edits and follow-ups are in. */
  async final(quietMs = 150, timeoutMs = 10_000): Promise<InteractionReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = this.events.at(-1)?.at ?? this.interaction.createdAt;
      const idle = Date.now() - last;
      if (idle >= quietMs) return this;
      if (Date.now() > deadline) throw new Error(`interaction ${this.interactionId}: the bot kept answering for ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, quietMs - idle));
    }
  }
}

function focusedCount(options: InteractionOptionInput[]): number {
  return options.reduce((sum, option) => sum + (option.focused ? 1 : 0) + focusedCount(option.options ?? []), 0);
}

export interface BuiltInteraction {
  record: InteractionRecord;
  payload: Json;
}

/**
 * Builds INTERACTION_CREATE exactly as discord.js needs it: without `entitlements`, `authorizing_integration_owners`
 * or `member` the client drops the interaction silently, so every field is filled.
 */
export function buildInteraction(input: InteractionInput, state: SandboxState, userId: string, attachmentSizeLimit: number): BuiltInteraction {
  const id = state.ids.next();
  const button = "customId" in input;
  const sourceMessage = button ? state.messages.get(input.messageId) : undefined;
  if (button && !sourceMessage) throw new Error(`interact: no message ${input.messageId} was posted by the bot`);
  const channelId = sourceMessage?.channelId ?? ("channelId" in input ? input.channelId : "");
  const lookup = state.channel(channelId);
  if (lookup.kind !== "ok") throw new Error(`interact: channel ${channelId} is not one the bot can see`);
  const { channel, guild } = lookup;
  if (!button && input.guildId !== guild.id) throw new Error(`interact: channel ${channelId} is not in guild ${input.guildId}`);
  const kind = button ? "button" : input.autocomplete ? "autocomplete" : "command";

  let data: Json;
  if (button) {
    data = { custom_id: input.customId, component_type: 2 };
  } else {
    const command = state.findCommand(guild.id, input.command);
    if (!command) throw new Error(`interact: /${input.command} is not registered globally or in guild ${guild.id}`);
    const options = input.options ?? [];
    if (input.autocomplete && focusedCount(options) !== 1) {
      throw new Error("interact: an autocomplete interaction needs exactly one option marked focused");
    }
    data = {
      id: command.id,
      name: command.name,
      type: command.type,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      ...(options.length > 0 ? { options } : {}),
    };
  }

  const record = new InteractionRecord(id, kind, guild.id, channel.id, sourceMessage?.id ?? null);
  const payload: Json = {
    id,
    application_id: state.applicationId,
    type: kind === "button" ? 3 : kind === "autocomplete" ? 4 : 2,
    token: record.token,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: "en-US", features: [] },
    channel_id: channel.id,
    channel: channelObject(channel, state),
    member: {
      user: userObject(userId, `sandbox-user-${userId.slice(-4)}`),
      roles: [],
      joined_at: guild.joinedAt,
      premium_since: null,
      nick: null,
      avatar: null,
      deaf: false,
      mute: false,
      pending: false,
      flags: 0,
      permissions: (input.memberPermissions ?? MEMBER_PERMISSIONS).toString(),
    },
    app_permissions: channel.botPermissions.toString(),
    locale: input.locale ?? "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": guild.id },
    context: 0,
    attachment_size_limit: attachmentSizeLimit,
    data,
    ...(sourceMessage ? { message: messageObject(sourceMessage, state) } : {}),
  };
  return { record, payload };
}
