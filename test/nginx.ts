import { spawn, spawnSync, type ChildProcess } from "child_process";
import { existsSync, mkdirSync, writeFileSync } from "fs";
import * as https from "https";
import * as net from "net";
import * as path from "path";

/** nginx as Debian installs it (the tests serve docs/deploy.md's server block with it). */
export const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p)) ?? null;
const MIME_TYPES = "/etc/nginx/mime.types";

/**
 * The account nginx's workers run as: Debian's www-data, else nobody with its own group. Only
 * a master started as root switches to it; as another user nginx ignores `user` (the files are
 * then read as that user, and the permissions check proves less).
 */
export function workerAccount(): { user: string; group: string } {
  for (const user of ["www-data", "nobody"]) {
    const group = spawnSync("id", ["-gn", user], { encoding: "utf8" });
    if (group.status === 0) return { user, group: group.stdout.trim() };
  }
  throw new Error("no unprivileged account (www-data, nobody) to run nginx's workers as");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A whole nginx.conf around one documented `server` block, the way Debian's stock nginx.conf
 * includes sites: mime.types, then the block. Everything nginx writes stays in `prefix`.
 */
export function nginxConf(prefix: string, server: string): string {
  const account = workerAccount();
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => {
    mkdirSync(path.join(prefix, `${t}_temp`), { recursive: true });
    return `  ${t}_temp_path ${path.join(prefix, `${t}_temp`)};`;
  });
  return [
    `user ${account.user} ${account.group};`,
    "worker_processes 1;",
    "daemon off;",
    `pid ${path.join(prefix, "nginx.pid")};`,
    `error_log ${path.join(prefix, "error.log")};`,
    "events {}",
    "http {",
    `  include ${MIME_TYPES};`,
    "  default_type application/octet-stream;",
    "  access_log off;",
    ...temp,
    server,
    "}",
    "",
  ].join("\n");
}

/** `nginx -t` on a config: its status and what it printed. */
export function nginxTest(prefix: string, conf: string): { status: number | null; output: string } {
  const file = path.join(prefix, "nginx.conf");
  writeFileSync(file, conf);
  const r = spawnSync(NGINX!, ["-t", "-p", prefix, "-c", file, "-e", path.join(prefix, "error.log")], { encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Start nginx in the foreground on a tested config; resolves once it accepts connections. */
export async function startNginx(prefix: string, port: number): Promise<ChildProcess> {
  const file = path.join(prefix, "nginx.conf");
  const child = spawn(NGINX!, ["-p", prefix, "-c", file, "-e", path.join(prefix, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    const up = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => (c.end(), resolve(true)));
      c.on("error", () => resolve(false));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`nginx did not listen on ${port}: ${output}`);
}

/** Stop nginx (SIGQUIT: graceful) and wait until its master has gone. */
export async function stopNginx(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGQUIT");
  await gone;
}

/**
 * GET a URL of the documented host from the server on 127.0.0.1:port, verifying its certificate
 * against `ca` for that host name (as a clerk's machine that trusts it would).
 */
export function getAs(url: string, port: number, ca: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.get({ host: "127.0.0.1", port, path: u.pathname, servername: u.hostname, headers: { host: u.hostname }, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
  });
}
