import type { Config } from "../config.js";

/**
 * Optional allow-lists (config `slack.allowChannels` / `slack.allowUsers`). Each configured list
 * must contain the caller; an absent list allows everyone.
 */
export function isAllowed(slack: Config["slack"], who: { channelId?: string; userId?: string }): boolean {
  if (slack.allowChannels && !(who.channelId && slack.allowChannels.includes(who.channelId))) return false;
  if (slack.allowUsers && !(who.userId && slack.allowUsers.includes(who.userId))) return false;
  return true;
}
