import * as assert from 'node:assert/strict';
import {
  configuredDriver, gitattributesNamesDriver, withGitattributesLine, withMergeDriverConfig,
} from '../../../src/core/git/mergeDriver';

describe('git merge driver text edits', () => {
  it('adds the .gitattributes line once, keeping other lines and the line ending', () => {
    assert.equal(withGitattributesLine(''), '*.annotations.yaml merge=source-annotator\n');
    assert.equal(withGitattributesLine('*.png binary'), '*.png binary\n*.annotations.yaml merge=source-annotator\n');
    assert.equal(withGitattributesLine('*.txt text\r\n'), '*.txt text\r\n*.annotations.yaml merge=source-annotator\r\n');
    const done = '*.txt text\n*.annotations.yaml merge=source-annotator\n';
    assert.equal(withGitattributesLine(done), done);
    assert.equal(gitattributesNamesDriver('corpus/*.annotations.yaml  text merge=source-annotator'), true);
    assert.equal(gitattributesNamesDriver('# *.annotations.yaml merge=source-annotator'), false);
    assert.equal(gitattributesNamesDriver('*.annotations.yaml merge=union'), false);
  });

  it('appends the config section, or replaces its name and driver in place keeping the rest', () => {
    const config = '[core]\n\tbare = false\n[remote "origin"]\n\turl = x\n';
    const added = withMergeDriverConfig(config, "node '/a b/cli.js' merge-driver %O %A %B %P");
    assert.equal(added, `${config}[merge "source-annotator"]\n\tname = Source Annotator sidecar merge by item id\n\tdriver = "node '/a b/cli.js' merge-driver %O %A %B %P"\n`);
    assert.equal(configuredDriver(added), "node '/a b/cli.js' merge-driver %O %A %B %P");
    const existing = '[merge "source-annotator"]\n\tdriver = old %O\n\trecursive = binary\n[user]\n\tname = A\n';
    const replaced = withMergeDriverConfig(existing, 'new "q" %O');
    assert.equal(replaced, '[merge "source-annotator"]\n\tname = Source Annotator sidecar merge by item id\n\tdriver = "new \\"q\\" %O"\n\trecursive = binary\n[user]\n\tname = A\n');
    assert.equal(configuredDriver(replaced), 'new "q" %O');
    assert.equal(configuredDriver('[merge "other"]\n\tdriver = x\n'), undefined);
    assert.equal(configuredDriver('[merge "source-annotator"]\n  driver = plain value ; comment\n'), 'plain value');
  });
});
