import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { CofoLevel, CofoMember, CofoV1 } from '@prosmed/contracts';

/** A Commission Foncière (village, commune or cercle). Table `land.cofo`, created by `LandRegistry…`. */
@Entity({ schema: 'land', name: 'cofo' })
export class CofoEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable, immutable: the `cofo_id` of its secretaries' tokens. */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  /** `searchKey(name)`: kept in step with `name` by the service. */
  @Column('text', { name: 'name_search' })
  nameSearch: string;

  @Column('text')
  level: CofoLevel;

  @Column('text', { name: 'place_code' })
  placeCode: string;

  @Column('text', { name: 'tribunal_code', nullable: true })
  tribunalCode: string | null;

  @Column('jsonb')
  members: CofoMember[];

  /** Optimistic locking: an update names the version it read. */
  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export function cofoView(e: CofoEntity): CofoV1 {
  return {
    code: e.code,
    name: e.name,
    level: e.level,
    placeCode: e.placeCode,
    tribunalCode: e.tribunalCode,
    members: e.members.map((m) => ({ name: m.name, sex: m.sex, role: m.role })),
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
