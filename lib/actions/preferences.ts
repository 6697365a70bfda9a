'use server';

import { revalidatePath } from 'next/cache';
import { updateColourScheme, updateHighlightColouring, updateMailDelivery, updateSingleKeyShortcuts } from '@/lib/dal/preferences';
import { getViewer } from '@/lib/dal/viewer';
import { runAction, type ActionResult } from '@/lib/errors';
import { writeColourSchemeCookie } from '@/lib/preference-cookies';

/** Chooses the colour scheme (system, light or dark): on the account when signed in, and in this browser always. */
export async function setColourSchemeAction(scheme: unknown): Promise<ActionResult<{ scheme: string }>> {
  return runAction(async () => {
    const stored = await updateColourScheme(await getViewer(), scheme);
    await writeColourSchemeCookie(stored);
    return { scheme: stored };
  });
}

/** Turns single-key shortcuts on or off for the signed-in person, from the settings form. */
export async function setSingleKeyShortcutsAction(_previous: ActionResult<{ isOn: boolean }> | null, form: FormData): Promise<ActionResult<{ isOn: boolean }>> {
  return runAction(async () => {
    const isOn = await updateSingleKeyShortcuts(await getViewer(), form.get('singleKeyShortcuts') ?? 'off');
    revalidatePath('/', 'layout');
    return { isOn };
  });
}

/** Remembers what the viewer has highlights coloured by (tag, author or none) and redraws the documents they read. */
export async function updateHighlightColouringAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    await updateHighlightColouring(await getViewer(), { colouring: form.get('colouring') });
    revalidatePath('/documents/[documentSlug]', 'page');
  });
}

/** Chooses how notifications reach the signed-in person by e-mail, from the settings form. */
export async function setMailDeliveryAction(_previous: ActionResult<{ delivery: string }> | null, form: FormData): Promise<ActionResult<{ delivery: string }>> {
  return runAction(async () => {
    const delivery = await updateMailDelivery(await getViewer(), { delivery: form.get('delivery') });
    revalidatePath('/settings');
    return { delivery };
  });
}
