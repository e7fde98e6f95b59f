/** The slice of the Nx project graph the table needs (kept small so tests can build one by hand). */
export interface BrickGraph {
  readonly nodes: Record<string, { readonly data: { readonly root: string; readonly tags?: readonly string[] } }>;
  readonly dependencies: Record<string, readonly { readonly target: string }[]>;
}

export type BrickType = 'component' | 'base';

/** `pipeline`: a pipeline's own logic or worker (tagged `kind:pipeline`); `engine`: what every pipeline is built and run with. */
export type BrickKind = 'pipeline' | 'engine';

export const PIPELINE_KIND_TAG = 'kind:pipeline';

export interface BrickRow {
  readonly brick: string;
  readonly type: BrickType;
  readonly kind: BrickKind;
  readonly isChanged: boolean;
  /** project name -> whether the brick is in that project's transitive dependencies */
  readonly usedBy: Record<string, boolean>;
}

export interface BrickTable {
  readonly projects: readonly string[];
  readonly rows: readonly BrickRow[];
}

/**
 * The Polylith `poly info` view: one row per component or base, one column per deployable
 * project, a mark where the brick is in the project's transitive dependencies, and whether the
 * brick has changed (any changed file under its root); `kind` tells a pipeline's own bricks from
 * the engine's.
 */
export function buildBrickTable(graph: BrickGraph, changedFiles: readonly string[]): BrickTable {
  const projects = namesWithTag(graph, 'type:project');
  const closures = new Map(projects.map((project) => [project, transitiveDependencies(graph, project)]));
  const rows = (['component', 'base'] as const).flatMap((type) =>
    namesWithTag(graph, `type:${type}`).map((brick) => {
      const root = graph.nodes[brick]?.data.root ?? brick;
      return {
        brick,
        type,
        kind: graph.nodes[brick]?.data.tags?.includes(PIPELINE_KIND_TAG) ? ('pipeline' as const) : ('engine' as const),
        isChanged: changedFiles.some((file) => file === root || file.startsWith(`${root}/`)),
        usedBy: Object.fromEntries(projects.map((project) => [project, closures.get(project)?.has(brick) ?? false])),
      };
    }),
  );
  return { projects, rows };
}

/** Renders the table as aligned text; `*` marks a changed brick, `x` a brick used by a project. */
export function renderBrickTable(table: BrickTable): string {
  const header = ['brick', 'type', 'kind', ...table.projects];
  const body = table.rows.map((row) => [
    row.isChanged ? `${row.brick} *` : row.brick,
    row.type,
    row.kind,
    ...table.projects.map((project) => (row.usedBy[project] ? 'x' : '-')),
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...body.map((line) => line[column]?.length ?? 0)));
  return [header, ...body].map((line) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

function namesWithTag(graph: BrickGraph, tag: string): string[] {
  return Object.keys(graph.nodes)
    .filter((name) => graph.nodes[name]?.data.tags?.includes(tag))
    .sort();
}

function transitiveDependencies(graph: BrickGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const { target } of graph.dependencies[name] ?? []) {
      if (!seen.has(target) && graph.nodes[target]) {
        seen.add(target);
        pending.push(target);
      }
    }
  }
  return seen;
}
