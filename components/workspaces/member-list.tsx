'use client';

import { useActionState, useTransition } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { changeMemberRoleAction, removeMemberAction } from '@/lib/actions/workspaces';
import type { MemberEntry } from '@/lib/dal/workspaces';
import { ROLE_LABELS } from '@/lib/format/roles';
import { ROLES } from '@/lib/validation/workspaces';

/** The workspace's members; owners can change roles and remove people, anyone can leave. */
export function MemberList({ workspaceSlug, members, canManage }: { workspaceSlug: string; members: MemberEntry[]; canManage: boolean }) {
  return (
    <ul className="member-list">
      {members.map((member) => (
        <MemberRow key={member.membershipId} workspaceSlug={workspaceSlug} member={member} canManage={canManage} />
      ))}
    </ul>
  );
}

function MemberRow({ workspaceSlug, member, canManage }: { workspaceSlug: string; member: MemberEntry; canManage: boolean }) {
  const [roleResult, changeRole, isChanging] = useActionState(changeMemberRoleAction.bind(null, workspaceSlug), null);
  const submit = submitWithoutReset(changeRole);
  const [isRemoving, startRemoving] = useTransition();
  const roleFieldId = `role-${member.membershipId}`;
  const removeLabel = member.isViewer ? 'Leave workspace' : `Remove ${member.name}`;
  return (
    <li className="member-list__item">
      <div className="member-list__who">
        <span className="member-list__name">
          {member.name}
          {member.isViewer && ' (you)'}
        </span>
        {!canManage && <span className="member-list__role">{ROLE_LABELS[member.role]}</span>}
      </div>
      {canManage && (
        <form onSubmit={submit} className="member-list__form">
          <input type="hidden" name="memberId" value={member.membershipId} />
          <label htmlFor={roleFieldId} className="visually-hidden">
            Role for {member.name}
          </label>
          <select id={roleFieldId} name="role" defaultValue={member.role} className="select">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small" disabled={isChanging} aria-label={`Change role of ${member.name}`}>
            Change role
          </button>
        </form>
      )}
      {(canManage || member.isViewer) && (
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={isRemoving}
          onClick={() => {
            if (window.confirm(member.isViewer ? 'Leave this workspace?' : `Remove ${member.name} from this workspace?`)) {
              startRemoving(async () => {
                const result = await removeMemberAction(workspaceSlug, member.membershipId);
                if (!result.ok) window.alert(result.error);
              });
            }
          }}
        >
          {removeLabel}
        </button>
      )}
      <FormAlert message={roleResult && !roleResult.ok ? roleResult.error : null} />
    </li>
  );
}
