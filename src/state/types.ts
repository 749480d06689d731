/**
 * Live state: the objects the API holds for the apps the config declares, as a tree of
 * LiveNode (src/resources/types.ts). Only apps the config mentions are kept.
 */
import type { LiveNode } from '../resources/types.js';

export interface LiveState {
  /** Live apps that may match a declared app (pinned id or displayName), with their children. */
  apps: LiveNode[];
  /** HTTP requests made to read it (client.stats, retries included). */
  requests: number;
}
