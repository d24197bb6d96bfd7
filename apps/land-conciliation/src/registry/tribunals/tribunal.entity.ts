import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { TribunalKind, TribunalV1 } from '@prosmed/contracts';

/** A tribunal that homologates PVs and receives referrals. Table `land.tribunal`. */
@Entity({ schema: 'land', name: 'tribunal' })
export class TribunalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable, immutable: the `tribunal_id` of its clerks' tokens. */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_search' })
  nameSearch: string;

  @Column('text')
  kind: TribunalKind;

  @Column('text', { name: 'place_code' })
  placeCode: string;

  /** Place codes of the cercles it serves. */
  @Column('text', { name: 'cercle_codes', array: true })
  cercleCodes: string[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export function tribunalView(e: TribunalEntity): TribunalV1 {
  return {
    code: e.code,
    name: e.name,
    kind: e.kind,
    placeCode: e.placeCode,
    cercleCodes: [...e.cercleCodes],
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
