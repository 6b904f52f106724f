import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { createBatcher } from "./batcher.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test("changes close together make one batch, each path once, after the quiet time", () => {
  const batches: string[][] = [];
  const batcher = createBatcher<string>((items) => batches.push(items), { quietMs: 100 });
  batcher.add("a");
  vi.advanceTimersByTime(60);
  batcher.add("b");
  batcher.add("a");
  vi.advanceTimersByTime(99);
  expect(batches).toEqual([]);
  vi.advanceTimersByTime(1);
  expect(batches).toEqual([["a", "b"]]);
  batcher.add("c");
  vi.advanceTimersByTime(100);
  expect(batches).toEqual([["a", "b"], ["c"]]);
});

test("changes that never stop still flush at the longest wait", () => {
  const batches: number[][] = [];
  const batcher = createBatcher<number>((items) => batches.push(items), { quietMs: 100, maxWaitMs: 250 });
  for (let i = 0; i < 5; i++) {
    batcher.add(i);
    vi.advanceTimersByTime(60);
  }
  expect(batches).toEqual([[0, 1, 2, 3, 4]]);
  vi.advanceTimersByTime(1000);
  expect(batches).toHaveLength(1);
});

test("close drops what is pending and ignores later changes", () => {
  const batches: string[][] = [];
  const batcher = createBatcher<string>((items) => batches.push(items), { quietMs: 100 });
  batcher.add("a");
  batcher.close();
  batcher.add("b");
  vi.advanceTimersByTime(5000);
  expect(batches).toEqual([]);
});

test("flush hands over at once, and nothing when nothing is pending", () => {
  const batches: string[][] = [];
  const batcher = createBatcher<string>((items) => batches.push(items), { quietMs: 100 });
  batcher.flush();
  batcher.add("a");
  batcher.flush();
  vi.advanceTimersByTime(5000);
  expect(batches).toEqual([["a"]]);
});
