import assert from 'node:assert/strict';
import {
  type ChartSize,
  linearScale,
  MIN_SPAN,
  niceTicks,
  ratingChartLayout,
  ratingDomain,
} from '../../../src/webview/leaderboard/chartGeometry';

const SIZE: ChartSize = { width: 500, rowHeight: 20, labelWidth: 100, axisHeight: 30, margin: 10, capHalf: 4 };

describe('rating chart geometry', () => {
  it('picks round ticks of 1, 2 or 5 × 10^k that cover the range', () => {
    const t = niceTicks(953, 1071);
    assert.equal(t.step, 50);
    assert.equal(t.start, 950);
    assert.equal(t.end, 1100);
    assert.deepEqual(t.values, [950, 1000, 1050, 1100]);

    const small = niceTicks(0.13, 0.87, 4);
    assert.equal(small.step, 0.2);
    assert.ok(small.start <= 0.13 && small.end >= 0.87);
    assert.equal(small.values.length, Math.round((small.end - small.start) / small.step) + 1);
  });

  it('rejects an inverted range', () => {
    assert.throws(() => niceTicks(10, 5), RangeError);
  });

  it('maps a domain linearly onto a range', () => {
    const x = linearScale(900, 1100, 100, 500);
    assert.equal(x(900), 100);
    assert.equal(x(1000), 300);
    assert.equal(x(1100), 500);
    assert.equal(linearScale(5, 5, 0, 10)(5), 5);
  });

  it('widens a narrow domain to the minimum span around its centre', () => {
    const d = ratingDomain([{ key: 'k', label: 'K', rating: 1000, ciLow: 1000, ciHigh: 1000 }]);
    assert.equal(d.max - d.min, MIN_SPAN);
    assert.equal((d.min + d.max) / 2, 1000);
    const wide = ratingDomain([
      { key: 'a', label: 'A', rating: 1050, ciLow: 990, ciHigh: 1120 },
      { key: 'b', label: 'B', rating: 950, ciLow: 880, ciHigh: 1010 },
    ]);
    assert.deepEqual(wide, { min: 880, max: 1120 });
  });

  it('places each row, its dot and its whisker ends on the shared scale', () => {
    const layout = ratingChartLayout(
      [
        { key: 'a', label: 'A', rating: 1050, ciLow: 1000, ciHigh: 1100 },
        { key: 'b', label: 'B', rating: 950, ciLow: 900, ciHigh: 1000 },
      ],
      SIZE,
    );
    // Domain 900..1100, ticks every 50 from 900 to 1100 mapped onto x 100..490.
    assert.deepEqual(layout.ticks.map((t) => t.value), [900, 950, 1000, 1050, 1100]);
    assert.equal(layout.plotLeft, 100);
    assert.equal(layout.plotRight, 490);
    const x = linearScale(900, 1100, 100, 490);
    const [a, b] = layout.rows;
    assert.ok(a && b);
    assert.equal(a.y, 20);
    assert.equal(b.y, 40);
    assert.equal(a.x, x(1050));
    assert.equal(a.lowX, x(1000));
    assert.equal(a.highX, x(1100));
    assert.equal(b.lowX, 100);
    assert.equal(a.capTop, 16);
    assert.equal(a.capBottom, 24);
    assert.ok(a.x > b.x, 'a higher rating sits further right');
    assert.equal(layout.referenceX, x(1000));
    assert.equal(layout.axisY, 50);
    assert.equal(layout.height, 80);
  });

  it('keeps the dot inside the whisker even if an interval does not contain the rating', () => {
    const [row] = ratingChartLayout([{ key: 'a', label: 'A', rating: 1000, ciLow: 1010, ciHigh: 1060 }], SIZE).rows;
    assert.ok(row);
    assert.ok(row.lowX <= row.x && row.x <= row.highX);
  });

  it('omits the reference line when 1000 is outside the domain', () => {
    const layout = ratingChartLayout([{ key: 'a', label: 'A', rating: 1500, ciLow: 1450, ciHigh: 1550 }], SIZE);
    assert.equal(layout.referenceX, undefined);
  });
});
