/** The version of this Berth build, from package.json (esbuild inlines it into the bundle). */
import packageJson from '../../package.json' with { type: 'json' };

/** This build's version, e.g. "0.1.0". */
export const BERTH_VERSION: string = packageJson.version;
