import * as assert from 'node:assert/strict';
import { matchesGlob } from '../../../src/core/util/glob';

describe('glob matching', () => {
  it('matches the article patterns people use', () => {
    assert.ok(matchesGlob('a.txt', '**/*.txt'));
    assert.ok(matchesGlob('news/2024/a.txt', '**/*.txt'));
    assert.ok(!matchesGlob('a.txt.annotations.yaml', '**/*.txt'));
    assert.ok(matchesGlob('news/a.md', 'news/**/*.{txt,md}'));
    assert.ok(!matchesGlob('other/a.md', 'news/**/*.{txt,md}'));
    assert.ok(matchesGlob('x/node_modules/y/a.txt', '**/{node_modules,.git}/**'));
    assert.ok(matchesGlob('a1.txt', 'a?.txt'));
    assert.ok(matchesGlob('b.txt', '[ab].txt') && !matchesGlob('c.txt', '[ab].txt'));
    assert.ok(matchesGlob('a+b (1).txt', '*.txt'));
  });
});
