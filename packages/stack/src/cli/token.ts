#!/usr/bin/env node
// `npm run token -- --role ADMIN [--org ID] [--member ID] [--sub NAME] [--ttl 12h]`
// Prints a token for the local install; the token is the last line.
import { parseArgs } from 'node:util';
import { Role } from '@khg/domain';
import { loadConfig, secret, signUserToken } from '@khg/platform';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'ADMIN' },
      org: { type: 'string' },
      member: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
    },
  });
  const role = String(values.role).toUpperCase();
  if (!(Object.values(Role) as string[]).includes(role)) {
    process.stderr.write(`--role must be one of ${Object.values(Role).join(', ')}\n`);
    process.exit(1);
  }
  if (role === Role.OFFICER && !values.org) {
    process.stderr.write('An OFFICER token needs --org <organisation id>\n');
    process.exit(1);
  }
  if (role === Role.MEMBER && !values.member) {
    process.stderr.write('A MEMBER token needs --member <member id>\n');
    process.exit(1);
  }
  const { JWT_SECRET } = loadConfig('token', { JWT_SECRET: secret('JWT_SECRET') });
  const token = await signUserToken(
    JWT_SECRET,
    {
      sub: values.sub ?? `local-${role.toLowerCase()}`,
      role: role as Role,
      ...(values.org ? { orgId: values.org } : {}),
      ...(values.member ? { memberId: values.member } : {}),
    },
    values.ttl,
  );
  process.stdout.write(`Authorization header for ${role}${values.org ? ` of ${values.org}` : ''}:\n${token}\n`);
}

void main();
