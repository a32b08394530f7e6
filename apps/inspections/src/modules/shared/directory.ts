import { badInput, notFound, requireId, type DirectoryLoaders, type OrganizationInfo } from '@khg/platform';

/**
 * Asks membership (one batched call) about organisations named in an input; NOT_FOUND names the
 * first unknown id, BAD_USER_INPUT the first dissolved one, so the caller knows which to fix.
 */
export async function requireOrganizations(
  directory: DirectoryLoaders['organizationInfo'],
  ids: readonly string[],
  argument: string,
): Promise<OrganizationInfo[]> {
  for (const id of ids) requireId('Organization', id, argument);
  const infos = await directory.loadMany([...ids]);
  return infos.map((info, i) => {
    if (info instanceof Error) throw info;
    if (!info) throw notFound('Organization', ids[i]);
    if (info.closedOn) throw badInput(`${argument}: ${info.name} (${info.id}) was dissolved on ${info.closedOn}; choose an active organisation`, { argument });
    return info;
  });
}
