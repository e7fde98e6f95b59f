import { getProjects, names, type Tree } from '@nx/devkit';

/** Folders whose children are bricks or deployables; a name may appear in only one of them. */
const BRICK_FOLDERS = ['components', 'bases', 'projects'] as const;

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface BrickNames {
  /** kebab-case folder, Nx project and npm package suffix: `card-features`. */
  readonly fileName: string;
  /** PascalCase, for classes and types: `CardFeatures`. */
  readonly className: string;
  /** camelCase, for functions and values: `cardFeatures`. */
  readonly propertyName: string;
  /** SCREAMING_SNAKE, for error code prefixes: `CARD_FEATURES`. */
  readonly constantName: string;
}

/**
 * Normalises a brick name and refuses one that is not kebab-case or is already used by a
 * component, base, project or any other Nx project (Nx project names are global).
 */
export function claimBrickName(tree: Tree, rawName: string): BrickNames {
  const { fileName, className, propertyName, constantName } = names(rawName);
  if (!KEBAB_CASE.test(fileName)) {
    throw new Error(
      `"${rawName}" is not a valid brick name: use kebab-case letters and digits, starting with a letter (e.g. "card-features").`,
    );
  }
  for (const folder of BRICK_FOLDERS) {
    if (tree.exists(`${folder}/${fileName}`)) {
      throw new Error(
        `"${fileName}" already exists in ${folder}/: a brick name must be unique across components, bases and projects.`,
      );
    }
  }
  const existing = getProjects(tree).get(fileName);
  if (existing) {
    throw new Error(`"${fileName}" is already the name of the Nx project at ${existing.root}: choose another name.`);
  }
  return { fileName, className, propertyName, constantName };
}
