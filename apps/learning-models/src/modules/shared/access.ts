import { Role } from '@khg/domain';
import { notFound, type AreaInfo, type Caller, type DirectoryLoaders, type OrganizationInfo } from '@khg/platform';

/**
 * The caller's organisation as the directory knows it, for `requireWriterInArea`; asked only for
 * an officer, and before the transaction opens (an HTTP call does not belong inside one).
 */
export async function officerOrganization(caller: Caller, loaders: DirectoryLoaders): Promise<OrganizationInfo | null> {
  return caller.role === Role.OFFICER && caller.orgId ? loaders.organizationInfo.load(caller.orgId) : null;
}

/** An area as the directory knows it, or NOT_FOUND. */
export async function areaOrFail(loaders: DirectoryLoaders, areaId: string): Promise<AreaInfo> {
  const area = await loaders.areaInfo.load(areaId);
  if (!area) throw notFound('Area', areaId);
  return area;
}
