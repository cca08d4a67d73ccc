import { adminModeOf, adminPolicy, describeAdminMode } from '@/server/admin';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/** What a change needs here (open, token or locked), so pages can ask for the token or say why not. */
export function GET() {
  return respondJson(() => ({ mode: adminModeOf(adminPolicy), message: describeAdminMode(adminPolicy) }));
}
