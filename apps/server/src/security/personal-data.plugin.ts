import fp from 'fastify-plugin';
import { createPersonalDataProtector, resolveMasterKey, type PersonalDataProtector } from './personal-data.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encrypts/decrypts L3 values and computes their lookup hashes under AUTOFIN_MASTER_KEY. */
    personalData: PersonalDataProtector;
  }
}

/**
 * Resolves the master key once (configured, or the data directory's generated key file) and
 * decorates the app with the protector every module uses. A generated or file-read key is
 * logged as a warning: it sits next to the data it protects.
 */
export const personalDataPlugin = fp(async (app) => {
  const resolved = resolveMasterKey(app.config.masterKey, app.config.masterKeyFile);
  if (resolved.source !== 'config') {
    app.log.warn(
      { keyFile: resolved.keyFile },
      resolved.source === 'generated'
        ? 'AUTOFIN_MASTER_KEY is not set: generated a personal-data key into the data directory; set AUTOFIN_MASTER_KEY from a secret store in production'
        : 'AUTOFIN_MASTER_KEY is not set: using the key file in the data directory; set AUTOFIN_MASTER_KEY from a secret store in production',
    );
  }
  app.decorate('personalData', createPersonalDataProtector(resolved.key));
});
