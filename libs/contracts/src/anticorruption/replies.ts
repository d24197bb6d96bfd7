import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  AXIS_CODES,
  SESSION_STATES,
  STRUCTURE_KINDS,
  UPDATE_STATES,
  WORK_PLAN_STATES,
  type ActionStatus,
  type SessionState,
  type StructureKind,
  type UpdateState,
  type WorkPlanState,
} from './domain';
import { IndicatorValueDto } from './update-dtos';

/** Replies of the anti-corruption messages; the class is the type. Amounts are integer FCFA. */

export class StructureDto {
  @ApiProperty({ example: 'OCLEI' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: STRUCTURE_KINDS }) kind!: StructureKind;
  @ApiProperty() demo!: boolean;
}

export class StructureListDto {
  @ApiProperty({ type: [StructureDto] }) items!: StructureDto[];
}

export class IndicatorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ example: 'nombre' }) unit!: string;
  @ApiProperty() baseline!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { 2024: 10, 2025: 20 },
    description: 'Cible par année',
  })
  targets!: Record<string, number>;
}

export class ActionSummaryDto {
  @ApiProperty({ example: 'ACT-2.1.1.01' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: AXIS_CODES }) axisCode!: string;
  @ApiProperty({ example: 'OS2' }) specificObjectiveCode!: string;
  @ApiProperty({ example: 'OO2.1' }) operationalObjectiveCode!: string;
  @ApiProperty({ example: 'R2.1.1' }) resultCode!: string;
  @ApiProperty({ example: 'OCLEI' }) responsibleCode!: string;
  @ApiProperty({ type: [String] }) partnerCodes!: string[];
  @ApiProperty({ example: '2024-01-01' }) startOn!: string;
  @ApiProperty({ example: '2025-12-31' }) endOn!: string;
  @ApiProperty({ description: 'Budget prévu, FCFA entiers' }) budgetPlanned!: number;
  @ApiProperty({ enum: ACTION_STATUSES, description: 'Dernier statut validé (non démarrée sans validation)' })
  status!: ActionStatus;
  @ApiProperty({ description: 'Dernier avancement validé, %' }) progress!: number;
  @ApiProperty({ description: 'Dernier budget dépensé validé, FCFA' }) budgetSpent!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Période de la dernière validation' })
  validatedPeriod!: string | null;
  @ApiProperty({ description: 'Échéance passée sans être réalisée ni abandonnée (calculé à la lecture)' })
  late!: boolean;
  @ApiProperty() demo!: boolean;
}

export class ActionPageDto {
  @ApiProperty({ type: [ActionSummaryDto] }) items!: ActionSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class UpdateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() actionCode!: string;
  @ApiProperty() structureCode!: string;
  @ApiProperty({ example: '2024-Q1' }) period!: string;
  @ApiProperty({ enum: UPDATE_STATES }) state!: UpdateState;
  @ApiProperty({ enum: ACTION_STATUSES }) status!: ActionStatus;
  @ApiProperty() progress!: number;
  @ApiProperty() budgetSpent!: number;
  @ApiProperty({ type: [IndicatorValueDto] })
  indicatorValues!: IndicatorValueDto[];
  @ApiProperty() comment!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) consolidationComment!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Motif du dernier renvoi' })
  returnComment!: string | null;
  @ApiProperty({ description: 'À renvoyer avec la commande suivante (verrou optimiste)' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UpdateListDto {
  @ApiProperty({ type: [UpdateDto] }) items!: UpdateDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ActionHistoryEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'update.returned' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) updateId!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty({ nullable: true, type: String }) toState!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ description: "Nom d'utilisateur de l'auteur" }) actor!: string;
}

export class ActionDto extends ActionSummaryDto {
  @ApiProperty() specificObjective!: string;
  @ApiProperty() operationalObjective!: string;
  @ApiProperty() result!: string;
  @ApiProperty({ type: [IndicatorDto] }) indicators!: IndicatorDto[];
  @ApiProperty({ type: [UpdateDto] }) updates!: UpdateDto[];
  @ApiProperty({ type: [ActionHistoryEntryDto] }) history!: ActionHistoryEntryDto[];
}

export class PlanImportResultDto {
  @ApiProperty() actions!: number;
  @ApiProperty() objectives!: number;
  @ApiProperty() results!: number;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() heldOn!: string;
  @ApiProperty() periodFrom!: string;
  @ApiProperty() periodTo!: string;
  @ApiProperty({ enum: SESSION_STATES }) state!: SessionState;
  @ApiProperty({ nullable: true, type: String }) minutes!: string | null;
  @ApiProperty({ type: [String] }) decisions!: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty() version!: number;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] }) items!: SessionDto[];
}

export class WorkPlanItemReplyDto {
  @ApiProperty() code!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { '…indicator id…': 10 },
  })
  targets!: Record<string, number>;
}

export class WorkPlanDto {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: WORK_PLAN_STATES }) state!: WorkPlanState;
  @ApiProperty({ nullable: true, type: String }) sessionId!: string | null;
  @ApiProperty({ type: [WorkPlanItemReplyDto] }) items!: WorkPlanItemReplyDto[];
  @ApiProperty() budgetPlanned!: number;
  @ApiProperty() version!: number;
}

export class MissingUpdatesDto {
  @ApiProperty() period!: string;
  @ApiProperty({ description: 'Échéance de rapport de la période' }) deadline!: string;
  @ApiProperty({
    description:
      'À partir de ce jour, les rappels de la période sont dus (échéance moins le délai de rappel)',
  })
  remindFrom!: string;
  @ApiProperty({ type: [String], description: "Structures responsables d'actions sans mise à jour" })
  structures!: string[];
}

export class ReminderRunDto extends MissingUpdatesDto {
  @ApiProperty({ type: [String], description: 'Rappels émis par cet appel (les autres l’étaient déjà)' })
  reminded!: string[];
}

export class RateLineDto {
  @ApiProperty({ example: 'A1' }) key!: string;
  @ApiProperty() label!: string;
  @ApiProperty() actions!: number;
  @ApiProperty({ description: 'Actions comptées (hors abandonnées)' }) counted!: number;
  @ApiProperty() done!: number;
  @ApiProperty() late!: number;
  @ApiProperty({ description: 'Moyenne des avancements validés des actions comptées, % (1 décimale)' })
  executionRate!: number;
  @ApiProperty({ description: 'Part des actions comptées réalisées, % (1 décimale)' }) doneRate!: number;
  @ApiProperty() budgetPlanned!: number;
  @ApiProperty() budgetSpent!: number;
}

export class LateActionDto {
  @ApiProperty() code!: string;
  @ApiProperty() axisCode!: string;
  @ApiProperty() responsibleCode!: string;
  @ApiProperty() endOn!: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status!: ActionStatus;
  @ApiProperty() progress!: number;
}

export class ExecutionReportDto {
  @ApiProperty({ nullable: true, type: String }) period!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'La session close dont ce rapport est figé' })
  sessionId!: string | null;
  @ApiProperty({ description: 'Date de référence du retard' }) asOf!: string;
  @ApiProperty({ type: RateLineDto }) total!: RateLineDto;
  @ApiProperty({ type: [RateLineDto] }) byAxis!: RateLineDto[];
  @ApiProperty({ type: [RateLineDto] }) byObjective!: RateLineDto[];
  @ApiProperty({ type: [RateLineDto] }) byStructure!: RateLineDto[];
  @ApiProperty({ type: [LateActionDto] }) lateActions!: LateActionDto[];
}
