import assert from 'node:assert/strict';
import { voteSchema } from '../../../src/shared/protocol';
import { emptyDraft, voteFromDraft } from '../../../src/webview/results/voteDraft';

const order = ['c0', 'c1', 'c2'];

describe('webview voteFromDraft', () => {
  it('is undefined until something is picked', () => {
    assert.equal(voteFromDraft(emptyDraft(), order), undefined);
    assert.equal(voteFromDraft({ ...emptyDraft(), kind: 'winner' }, order), undefined, 'winner without a column');
    assert.equal(voteFromDraft({ ...emptyDraft(), kind: 'winner', winnerColumnId: 'c9' }, order), undefined);
  });

  it('builds a winner vote with tags, trimmed note and a ranking sorted best first', () => {
    const draft = { ...emptyDraft(), kind: 'winner' as const, winnerColumnId: 'c2', note: '  clean fix  ' };
    draft.tags.add('correct');
    draft.ranks.set('c0', 3).set('c2', 1).set('c1', 2);
    const vote = voteFromDraft(draft, order);
    assert.deepEqual(vote, { kind: 'winner', winnerColumnId: 'c2', rankingColumnIds: ['c2', 'c1', 'c0'], tags: ['correct'], note: 'clean fix' });
    assert.ok(voteSchema.safeParse(vote).success, 'the vote satisfies the protocol');
  });

  it('omits winner, a one-entry ranking and an empty note for a tie', () => {
    const draft = { ...emptyDraft(), kind: 'tie' as const, winnerColumnId: 'c1', note: '   ' };
    draft.ranks.set('c1', 1);
    assert.deepEqual(voteFromDraft(draft, order), { kind: 'tie', tags: [] });
  });
});
