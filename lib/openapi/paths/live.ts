import { z } from '@/lib/zod';
import { inline, ref } from '@/lib/openapi/components';
import { documentSlug, errorResponse, eventStream, lastEventId, rateLimited, unauthorized, workspaceSlug } from '@/lib/openapi/shared';

// Server-Sent Events streams of changes, and the reader's presence heartbeat.

const tags = ['Live'];

/** The live paths of the API description. */
export const livePaths = {
  '/api/documents/{documentSlug}/events': {
    parameters: [documentSlug],
    get: {
      tags,
      summary: 'Follow a document’s changes',
      parameters: [...lastEventId, { name: 'since', in: 'query', required: false, description: 'An ISO instant: replay what changed after it.', schema: inline(z.iso.datetime()) }],
      responses: { '200': eventStream, '401': unauthorized, '404': errorResponse('No such document, or you may not read it.'), '429': rateLimited },
    },
    post: {
      tags,
      summary: 'Announce that you are reading (presence heartbeat)',
      description:
        'Sent by the reader every 15 s while it is visible: `{"tabId", "sectionSlug"}`, and `{"tabId", "isLeaving": true}` on leaving. Other members see who is reading which section.',
      requestBody: { required: true, content: { 'application/json': { schema: ref('PresenceHeartbeat') } } },
      responses: {
        '204': { description: 'Recorded.' },
        '401': unauthorized,
        '404': errorResponse('No such document, or you may not read it.'),
        '413': errorResponse('Heartbeats are at most 1 KB.'),
        '422': errorResponse('Not a heartbeat.'),
        '429': rateLimited,
      },
    },
  },
  '/api/workspaces/{workspaceSlug}/events': {
    parameters: [workspaceSlug],
    get: {
      tags,
      summary: 'Follow everything that changes in a workspace',
      parameters: lastEventId,
      responses: { '200': eventStream, '401': unauthorized, '404': errorResponse('No such workspace, or you are not a member.'), '429': rateLimited },
    },
  },
  '/api/notifications/events': {
    get: {
      tags,
      summary: 'Follow your own unread notification count',
      description:
        'A Server-Sent Events stream of the signed-in person’s `unread` count (`{ "count": 3 }`), sent on opening and whenever their notifications change. Session only: API tokens belong to one workspace and do not open it.',
      security: [{ sessionCookie: [] }],
      responses: { '200': eventStream, '401': unauthorized },
    },
  },
};
