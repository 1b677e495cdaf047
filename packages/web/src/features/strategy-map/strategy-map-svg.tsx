import { useEffect, useRef } from 'react';

/**
 * The server-rendered strategy map, inlined so its objective boxes can be
 * clicked and reached by keyboard. Inserting it as HTML is safe because it
 * comes from core's `renderStrategyMapSvg`, which escapes every piece of text
 * (names, ids, titles) it writes; nothing user-typed reaches here unescaped.
 */
export function StrategyMapSvg(props: {
  svg: string;
  objectiveNames: ReadonlyMap<string, string>;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { svg, objectiveNames, selected, onSelect } = props;
  const container = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new svg string means new boxes in the DOM to wire up
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const svgEl = root.querySelector('svg');
    svgEl?.setAttribute('role', 'group');
    svgEl?.setAttribute('aria-label', 'Strategy map: objectives by perspective, with cause-and-effect links');
    for (const box of root.querySelectorAll<SVGGElement>('[data-objective-id]')) {
      const id = box.dataset.objectiveId ?? '';
      const title = box.querySelector('title')?.textContent ?? objectiveNames.get(id) ?? id;
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'button');
      box.setAttribute('aria-label', `Objective ${title}`);
      box.classList.add('strategy-objective');
    }
    const pick = (target: EventTarget | null): string | null => {
      const box = target instanceof Element ? target.closest<SVGGElement>('[data-objective-id]') : null;
      return box?.dataset.objectiveId ?? null;
    };
    const onClick = (e: MouseEvent) => {
      const id = pick(e.target);
      if (id) select.current(id);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const id = pick(e.target);
      if (id) {
        e.preventDefault();
        select.current(id);
      }
    };
    root.addEventListener('click', onClick);
    root.addEventListener('keydown', onKey);
    return () => {
      root.removeEventListener('click', onClick);
      root.removeEventListener('keydown', onKey);
    };
  }, [svg, objectiveNames]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new svg string means new boxes to mark
  useEffect(() => {
    for (const box of container.current?.querySelectorAll<SVGGElement>('[data-objective-id]') ?? []) {
      box.setAttribute('aria-pressed', String(box.dataset.objectiveId === selected));
    }
  }, [selected, svg]);

  // biome-ignore lint/security/noDangerouslySetInnerHtml: core's renderStrategyMapSvg escapes all text it writes (see above).
  return <div ref={container} className="strategy-map" dangerouslySetInnerHTML={{ __html: svg }} />;
}
