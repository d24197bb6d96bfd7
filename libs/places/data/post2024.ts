import { POST2024_START, type Place } from '../src/place.types';
import { shippedPlaces, type ShippedRow } from './shipped-rows';

/**
 * The map in force since 24 Sept 2024 (lois n°2023-006 and 2023-007 of 13 March 2023): the 19 régions + the
 * district of Bamako (complete), and, for the programme's area, the cercles and communes we are sure of
 * (see README). Codes start with `ML2-`; units of new régions are coded under the new région.
 */
const ROWS: readonly ShippedRow[] = [
  // Régions and the district. Koulikoro keeps KOU; Koutiala, second to need it, is KO2.
  ['ML2-KAY', 'Kayes'],
  ['ML2-KOU', 'Koulikoro'],
  ['ML2-SIK', 'Sikasso'],
  ['ML2-SEG', 'Ségou'],
  ['ML2-MOP', 'Mopti'],
  ['ML2-TOM', 'Tombouctou'],
  ['ML2-GAO', 'Gao'],
  ['ML2-KID', 'Kidal'],
  ['ML2-TAO', 'Taoudénit'],
  ['ML2-MEN', 'Ménaka'],
  ['ML2-NIO', 'Nioro du Sahel'],
  ['ML2-KIT', 'Kita'],
  ['ML2-DIO', 'Dioïla'],
  ['ML2-NAR', 'Nara'],
  ['ML2-BOU', 'Bougouni'],
  ['ML2-KO2', 'Koutiala'],
  ['ML2-SAN', 'San'],
  ['ML2-DOU', 'Douentza'],
  ['ML2-BAN', 'Bandiagara'],
  ['ML2-BAM', 'District de Bamako'],

  // Région of Ségou (11 cercles in all).
  ['ML2-SEG-SEG', 'Ségou'],
  ['ML2-SEG-NIO', 'Niono'],
  // Région of San.
  ['ML2-SAN-SAN', 'San'],
  // Région of Mopti.
  ['ML2-MOP-MOP', 'Mopti'],
  ['ML2-MOP-DJE', 'Djenné'],
  // Région of Bandiagara (9 cercles in all).
  ['ML2-BAN-BAN', 'Bandiagara'],
  ['ML2-BAN-BA2', 'Bankass'],
  ['ML2-BAN-KOR', 'Koro'],
  ['ML2-BAN-DIA', 'Diallassagou'],
  // Région of Douentza (6 cercles in all).
  ['ML2-DOU-DOU', 'Douentza'],
  ['ML2-DOU-BOR', 'Boré'],
  // Région of Nioro du Sahel: its 6 cercles.
  ['ML2-NIO-BEM', 'Béma'],
  ['ML2-NIO-DIA', 'Diangounté-Camara'],
  ['ML2-NIO-DIE', 'Diéma'],
  ['ML2-NIO-NIO', 'Nioro du Sahel'],
  ['ML2-NIO-SAN', 'Sandaré'],
  ['ML2-NIO-TRO', 'Troungoumbé'],
  // Région of Koutiala.
  ['ML2-KO2-KOU', 'Koutiala'],
  ['ML2-KO2-YOR', 'Yorosso'],
  // Région of Nara (6 cercles in all).
  ['ML2-NAR-NAR', 'Nara'],
  // Région of Bougouni (10 cercles in all): the three former cercles of Sikasso it was made from.
  ['ML2-BOU-BOU', 'Bougouni'],
  ['ML2-BOU-KOL', 'Kolondiéba'],
  ['ML2-BOU-YAN', 'Yanfolila'],

  // Communes, attached to their cercle (their arrondissement is not shipped).
  ['ML2-SEG-SEG-SEG', 'Ségou'],
  ['ML2-SEG-NIO-NIO', 'Niono'],
  ['ML2-SAN-SAN-SAN', 'San'],
  ['ML2-MOP-MOP-MOP', 'Mopti'],
  ['ML2-MOP-DJE-DJE', 'Djenné'],
  ['ML2-BAN-BAN-BAN', 'Bandiagara'],
  ['ML2-BAN-BA2-BAN', 'Bankass'],
  ['ML2-BAN-KOR-KOR', 'Koro'],
  ['ML2-BAN-DIA-KOU', 'Koulogon Habbé'],
  ['ML2-DOU-DOU-DOU', 'Douentza'],
  ['ML2-DOU-BOR-DAN', 'Dangol-Boré'],
  ['ML2-NIO-NIO-NIO', 'Nioro du Sahel'],
  ['ML2-NIO-DIE-DIE', 'Diéma'],
  ['ML2-KO2-KOU-KOU', 'Koutiala'],
  ['ML2-KO2-YOR-YOR', 'Yorosso'],
  ['ML2-NAR-NAR-NAR', 'Nara'],
];

export const POST2024_PLACES: readonly Place[] = shippedPlaces(ROWS, 'post2024', POST2024_START, null);
