// The mediator's profile: saved in idb-keyval, mirrored in the `profile` signal every screen reads.

import { saveProfile, type Profile } from '../db/settings.ts';
import { profile } from './app-state.ts';

/** Resolves once the profile is stored; only then may the screen say "已保存". */
export async function updateProfile(next: Profile): Promise<void> {
  await saveProfile(next);
  profile.value = next;
}
