import { type Place } from '../src/place.types';
import { shippedPlaces, type ShippedRow } from './shipped-rows';

/**
 * The map in force until 23 Sept 2024: 8 régions + the district of Bamako and their 49 cercles (complete),
 * with the communes we are sure of in the programme's cercles (see README for what is missing).
 *
 * validFrom is 10 Aug 1999, the loi n°99-035 that created the régions and cercles as collectivités: the date
 * from which this map is modelled, not the birth of each unit (communes date from loi n°96-059, 1996).
 */
export const PRE2024_VALID_FROM = '1999-08-10';
export const PRE2024_VALID_TO = '2024-09-23';

const ROWS: readonly ShippedRow[] = [
  // Régions and the district (level `region`).
  ['ML-KAY', 'Kayes'],
  ['ML-KOU', 'Koulikoro'],
  ['ML-SIK', 'Sikasso'],
  ['ML-SEG', 'Ségou'],
  ['ML-MOP', 'Mopti'],
  ['ML-TOM', 'Tombouctou'],
  ['ML-GAO', 'Gao'],
  ['ML-KID', 'Kidal'],
  ['ML-BAM', 'District de Bamako'],

  // Cercles of Kayes.
  ['ML-KAY-BAF', 'Bafoulabé'],
  ['ML-KAY-DIE', 'Diéma'],
  ['ML-KAY-KAY', 'Kayes'],
  ['ML-KAY-KEN', 'Kéniéba'],
  ['ML-KAY-KIT', 'Kita'],
  ['ML-KAY-NIO', 'Nioro du Sahel'],
  ['ML-KAY-YEL', 'Yélimané'],
  // Cercles of Koulikoro.
  ['ML-KOU-BAN', 'Banamba'],
  ['ML-KOU-DIO', 'Dioïla'],
  ['ML-KOU-KAN', 'Kangaba'],
  ['ML-KOU-KAT', 'Kati'],
  ['ML-KOU-KOL', 'Kolokani'],
  ['ML-KOU-KOU', 'Koulikoro'],
  ['ML-KOU-NAR', 'Nara'],
  // Cercles of Sikasso.
  ['ML-SIK-BOU', 'Bougouni'],
  ['ML-SIK-KAD', 'Kadiolo'],
  ['ML-SIK-KOL', 'Kolondiéba'],
  ['ML-SIK-KOU', 'Koutiala'],
  ['ML-SIK-SIK', 'Sikasso'],
  ['ML-SIK-YAN', 'Yanfolila'],
  ['ML-SIK-YOR', 'Yorosso'],
  // Cercles of Ségou.
  ['ML-SEG-BAR', 'Barouéli'],
  ['ML-SEG-BLA', 'Bla'],
  ['ML-SEG-MAC', 'Macina'],
  ['ML-SEG-NIO', 'Niono'],
  ['ML-SEG-SAN', 'San'],
  ['ML-SEG-SEG', 'Ségou'],
  ['ML-SEG-TOM', 'Tominian'],
  // Cercles of Mopti (Bandiagara and Bankass share BAN: Bankass, second in alphabetical order, is BA2).
  ['ML-MOP-BAN', 'Bandiagara'],
  ['ML-MOP-BA2', 'Bankass'],
  ['ML-MOP-DJE', 'Djenné'],
  ['ML-MOP-DOU', 'Douentza'],
  ['ML-MOP-KOR', 'Koro'],
  ['ML-MOP-MOP', 'Mopti'],
  ['ML-MOP-TEN', 'Ténenkou'],
  ['ML-MOP-YOU', 'Youwarou'],
  // Cercles of Tombouctou.
  ['ML-TOM-DIR', 'Diré'],
  ['ML-TOM-GOU', 'Goundam'],
  ['ML-TOM-GO2', 'Gourma-Rharous'],
  ['ML-TOM-NIA', 'Niafunké'],
  ['ML-TOM-TOM', 'Tombouctou'],
  // Cercles of Gao.
  ['ML-GAO-ANS', 'Ansongo'],
  ['ML-GAO-BOU', 'Bourem'],
  ['ML-GAO-GAO', 'Gao'],
  ['ML-GAO-MEN', 'Ménaka'],
  // Cercles of Kidal.
  ['ML-KID-ABE', 'Abeïbara'],
  ['ML-KID-KID', 'Kidal'],
  ['ML-KID-TES', 'Tessalit'],
  ['ML-KID-TIN', 'Tin-Essako'],
  // The district has no cercles; one cercle-level unit keeps its communes at the usual depth (see README).
  ['ML-BAM-BAM', 'Bamako'],

  // Communes of the district of Bamako.
  ['ML-BAM-BAM-COM', 'Commune I'],
  ['ML-BAM-BAM-CO2', 'Commune II'],
  ['ML-BAM-BAM-CO3', 'Commune III'],
  ['ML-BAM-BAM-CO4', 'Commune IV'],
  ['ML-BAM-BAM-CO5', 'Commune V'],
  ['ML-BAM-BAM-CO6', 'Commune VI'],

  // Cercle of Diéma: its 15 communes.
  ['ML-KAY-DIE-BEM', 'Béma'],
  ['ML-KAY-DIE-DIA', 'Diangounté Camara'],
  ['ML-KAY-DIE-DI2', 'Dianguirdé'],
  ['ML-KAY-DIE-DIE', 'Diéma'],
  ['ML-KAY-DIE-DI3', 'Diéoura'],
  ['ML-KAY-DIE-DIO', 'Dioumara Koussata'],
  ['ML-KAY-DIE-FAS', 'Fassoudébé'],
  ['ML-KAY-DIE-FAT', 'Fatao'],
  ['ML-KAY-DIE-GOM', 'Gomitradougou'],
  ['ML-KAY-DIE-GRO', 'Grouméra'],
  ['ML-KAY-DIE-GUE', 'Guédébiné'],
  ['ML-KAY-DIE-LAK', 'Lakamané'],
  ['ML-KAY-DIE-LAM', 'Lambidou'],
  ['ML-KAY-DIE-MAD', 'Madiga-Sacko'],
  ['ML-KAY-DIE-SAN', 'Sansankidé'],
  // Cercle of Nioro du Sahel: its chef-lieu only.
  ['ML-KAY-NIO-NIO', 'Nioro du Sahel'],
  // Cercle of Nara: its chef-lieu only.
  ['ML-KOU-NAR-NAR', 'Nara'],
  // Cercles of Koutiala and Yorosso: their chefs-lieux only.
  ['ML-SIK-KOU-KOU', 'Koutiala'],
  ['ML-SIK-YOR-YOR', 'Yorosso'],
  // Cercle of Ségou: its chef-lieu only (30 communes in all).
  ['ML-SEG-SEG-SEG', 'Ségou'],
  // Cercle of San: its 25 communes.
  ['ML-SEG-SAN-BAR', 'Baramandougou'],
  ['ML-SEG-SAN-DAH', 'Dah'],
  ['ML-SEG-SAN-DIA', 'Diakourouna'],
  ['ML-SEG-SAN-DIE', 'Diéli'],
  ['ML-SEG-SAN-DJE', 'Djéguena'],
  ['ML-SEG-SAN-FIO', 'Fion'],
  ['ML-SEG-SAN-KAN', 'Kaniegué'],
  ['ML-SEG-SAN-KAR', 'Karaba'],
  ['ML-SEG-SAN-KAS', 'Kassorola'],
  ['ML-SEG-SAN-KAV', 'Kava'],
  ['ML-SEG-SAN-MOR', 'Moribala'],
  ['ML-SEG-SAN-NGO', "N'Goa"],
  ['ML-SEG-SAN-NIA', 'Niamana'],
  ['ML-SEG-SAN-NI2', 'Niasso'],
  ['ML-SEG-SAN-NTO', "N'Torosso"],
  ['ML-SEG-SAN-OUO', 'Ouolon'],
  ['ML-SEG-SAN-SAN', 'San'],
  ['ML-SEG-SAN-SIA', 'Siadougou'],
  ['ML-SEG-SAN-SOM', 'Somo'],
  ['ML-SEG-SAN-SOU', 'Sourountouna'],
  ['ML-SEG-SAN-SYX', 'Sy'],
  ['ML-SEG-SAN-TEN', 'Téné'],
  ['ML-SEG-SAN-TE2', 'Teneni'],
  ['ML-SEG-SAN-TOU', 'Tourakolomba'],
  ['ML-SEG-SAN-WAK', 'Waki'],
  // Cercle of Niono: its 12 communes.
  ['ML-SEG-NIO-DIA', 'Diabaly'],
  ['ML-SEG-NIO-DOG', 'Dogofry'],
  ['ML-SEG-NIO-KAL', 'Kala Siguida'],
  ['ML-SEG-NIO-MAR', 'Mariko'],
  ['ML-SEG-NIO-NAM', 'Nampalari'],
  ['ML-SEG-NIO-NIO', 'Niono'],
  ['ML-SEG-NIO-POG', 'Pogo'],
  ['ML-SEG-NIO-SIR', 'Siribala'],
  ['ML-SEG-NIO-SI2', 'Sirifila Boundy'],
  ['ML-SEG-NIO-SOK', 'Sokolo'],
  ['ML-SEG-NIO-TOR', 'Toridaga-Ko'],
  ['ML-SEG-NIO-YER', 'Yérédon Saniona'],
  // Cercle of Bla: the chef-lieu and the commune named in the Q4-2023 report (17 communes in all).
  ['ML-SEG-BLA-BLA', 'Bla'],
  ['ML-SEG-BLA-KOR', 'Korodougou'],
  // Cercle of Mopti: the chef-lieu, the communes named in the report and two more (15 communes in all).
  ['ML-MOP-MOP-MOP', 'Mopti'],
  ['ML-MOP-MOP-BAS', 'Bassirou'],
  ['ML-MOP-MOP-FAT', 'Fatoma'],
  ['ML-MOP-MOP-KON', 'Konna'],
  ['ML-MOP-MOP-KOR', 'Korombana'],
  ['ML-MOP-MOP-KOU', 'Kounari'],
  // Other cercles of Mopti: chefs-lieux, and two communes that changed cercle in 2024.
  ['ML-MOP-DJE-DJE', 'Djenné'],
  ['ML-MOP-BAN-BAN', 'Bandiagara'],
  ['ML-MOP-BA2-BAN', 'Bankass'],
  ['ML-MOP-BA2-KOU', 'Koulogon Habbé'],
  ['ML-MOP-KOR-KOR', 'Koro'],
  ['ML-MOP-DOU-DOU', 'Douentza'],
  ['ML-MOP-DOU-DAN', 'Dangol-Boré'],
];

export const PRE2024_PLACES: readonly Place[] = shippedPlaces(
  ROWS,
  'pre2024',
  PRE2024_VALID_FROM,
  PRE2024_VALID_TO,
);
