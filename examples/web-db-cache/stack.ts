// The twin of stack.yaml in TypeScript: `stack config --json` of both is the same.
// `stackform` resolves to the loader's own defineStack, so no local install is needed here.
import { defineStack } from "stackform";

const image = "stackform-example/busybox:1";
// `${DB_PASSWORD:-dev-only-password}` in YAML: unset or empty falls back to the default.
const dbPassword = process.env.DB_PASSWORD || "dev-only-password";

const probe = (port: number) => ({
  test: `nc -w 1 127.0.0.1 ${port} </dev/null`,
  interval: "2s",
  timeout: "2s",
  retries: 10,
});

export default defineStack({
  name: "web-db-cache",
  services: {
    web: {
      image,
      init: true,
      command:
        'sh -c "mkdir -p /www && echo web-db-cache > /www/index.html && exec httpd -f -p 8080 -h /www"',
      ports: [{ target: 8080, published: "18081", host_ip: "127.0.0.1" }],
      networks: ["front"],
      depends_on: { app: { condition: "service_healthy" } },
      healthcheck: probe(8080),
    },
    app: {
      image,
      init: true,
      command: ["nc", "-ll", "-p", "3000", "-e", "cat"],
      environment: { DB_HOST: "db", DB_PASSWORD: dbPassword, CACHE_HOST: "cache" },
      networks: { front: { aliases: ["api"] }, back: {} },
      depends_on: {
        db: { condition: "service_healthy" },
        cache: { condition: "service_healthy" },
      },
      healthcheck: { ...probe(3000), test: ["CMD-SHELL", "nc -w 1 127.0.0.1 3000 </dev/null"] },
      restart: "unless-stopped",
    },
    db: {
      image,
      init: true,
      command: ["nc", "-ll", "-p", "5432", "-e", "cat"],
      environment: { POSTGRES_PASSWORD: dbPassword },
      volumes: [{ type: "volume", source: "db-data", target: "/var/lib/db" }],
      networks: ["back"],
      healthcheck: probe(5432),
      mem_limit: "64m",
      restart: "unless-stopped",
    },
    cache: {
      image,
      init: true,
      command: ["nc", "-ll", "-p", "6379", "-e", "cat"],
      networks: ["back"],
      healthcheck: probe(6379),
      restart: "unless-stopped",
    },
  },
  networks: {
    front: {},
    back: { internal: true },
  },
  volumes: {
    "db-data": null,
  },
});
