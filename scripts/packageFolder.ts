import { promises as fs } from "fs";
import * as path from "path";

/**
 * The folder is for a web server, whose account (www-data, nginx, IIS_IUSRS) is not the one that
 * built it: folders 0755, files 0644, whatever the builder's umask. Without this the folder kept
 * the 0700 of the temporary build folder it was copied from, and every page answered 403.
 * Shared by `npm run package` and `npm run package:wps`.
 */
export async function makeWorldReadable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWorldReadable(p);
    else await fs.chmod(p, 0o644);
  }
}
