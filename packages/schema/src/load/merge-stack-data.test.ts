import { expect, test } from "vitest";
import { mergeStackData } from "./merge-stack-data.js";

test("Compose merge rules", () => {
  const base = {
    name: "a",
    services: {
      web: {
        image: "nginx:1",
        command: ["a", "b"],
        environment: ["A=1", "B=2"],
        ports: ["80:80"],
        volumes: ["data:/data", "./x:/x"],
        dns: ["1.1.1.1"],
        healthcheck: { test: ["CMD", "a"], interval: "10s" },
        depends_on: ["db"],
        networks: ["front"],
        build: { context: ".", args: ["X=1"] },
      },
    },
    volumes: { data: { driver: "local" } },
  };
  const override = {
    services: {
      web: {
        image: "nginx:2",
        command: "c",
        environment: { B: "3", C: "4" },
        ports: ["80:80", "443:443"],
        volumes: ["./y:/x"],
        dns: ["8.8.8.8"],
        healthcheck: { test: ["CMD", "b"] },
        depends_on: { cache: { condition: "service_healthy" } },
        networks: { back: { aliases: ["w"] } },
        build: { args: { Y: "2" } },
      },
      db: { image: "postgres" },
    },
    volumes: { data: { labels: { a: "b" } } },
  };
  expect(mergeStackData([base, override])).toEqual({
    name: "a",
    services: {
      web: {
        image: "nginx:2",
        command: "c",
        environment: { A: "1", B: "3", C: "4" },
        ports: ["80:80", "443:443"],
        volumes: ["data:/data", "./y:/x"],
        dns: ["1.1.1.1", "8.8.8.8"],
        healthcheck: { test: ["CMD", "b"], interval: "10s" },
        depends_on: { db: { condition: "service_started" }, cache: { condition: "service_healthy" } },
        networks: { front: null, back: { aliases: ["w"] } },
        build: { context: ".", args: { X: "1", Y: "2" } },
      },
      db: { image: "postgres" },
    },
    volumes: { data: { driver: "local", labels: { a: "b" } } },
  });
});

test("one file is returned as it is", () => {
  const only = { services: {} };
  expect(mergeStackData([only])).toBe(only);
});
