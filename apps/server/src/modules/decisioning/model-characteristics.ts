import type { ScorecardModel } from '@autofin/contracts';
import { APPLICATION_CHARACTERISTICS, DomainError, parseScorecardModel } from '@autofin/domain';

const known = new Map(APPLICATION_CHARACTERISTICS.map((c) => [c.name, c] as const));

/**
 * The faults that keep a model from deciding applications: every characteristic must be one the
 * engine computes for a live application (APPLICATION_CHARACTERISTICS), of the same type, and
 * read straight from it (no one-hot columns or ratios of columns the application does not have).
 * A model trained on another data set (german_credit …) can be registered and read, not run.
 */
export function decidabilityFaults(model: ScorecardModel): Array<{ field: string; message: string }> {
  const faults: Array<{ field: string; message: string }> = [];
  model.characteristics.forEach((c, i) => {
    const spec = known.get(c.name);
    if (!spec) faults.push({ field: `characteristics.${i}.name`, message: `"${c.name}" is not an application characteristic (${[...known.keys()].join(', ')})` });
    else if (spec.type !== c.type) faults.push({ field: `characteristics.${i}.type`, message: `"${c.name}" is ${spec.type} in applications, ${c.type} in the model` });
    else if (c.oneHotColumns || c.ratio) faults.push({ field: `characteristics.${i}`, message: `"${c.name}" must be read from the application as is, not built from other columns` });
  });
  return faults;
}

export function assertDecidable(row: { artefact: unknown }): void {
  const faults = decidabilityFaults(parseScorecardModel(row.artefact));
  if (faults.length > 0) {
    throw new DomainError('DECISIONING_MODEL_WRONG_STATE', `this model cannot score applications: ${faults.map((f) => f.message).join('; ')}`, faults);
  }
}
