import type { RoleName } from '@/lib/validation/workspaces';

/** How each role is named to people. */
export const ROLE_LABELS: Record<RoleName, string> = { OWNER: 'Owner', EDITOR: 'Editor', COMMENTER: 'Commenter', VIEWER: 'Viewer' };

/** What each role may do, in a phrase. */
export const ROLE_DESCRIPTIONS: Record<RoleName, string> = {
  OWNER: 'manages members and invites, and edits everything',
  EDITOR: 'edits documents, sets verdicts on sources, moderates',
  COMMENTER: 'annotates, replies and proposes sources',
  VIEWER: 'reads the workspace’s documents and discussions',
};
