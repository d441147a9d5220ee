/**
 * Every Discord limit the bot respects, in one place (discord.md). Nothing else hard-codes them.
 */
export const Limits = {
  messageContent: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedsTotal: 6000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonsPerRow: 5,
  /** An attachment's description (its alt text). */
  attachmentDescription: 1024,
} as const;
