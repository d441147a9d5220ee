import { readFileSync } from "node:fs";

/**
 * Seed-sized articles that differ in what extraction reads (numbers, places, people, times), made
 * by varying the seed: a corpus with realistic structure whose every article is new to the store.
 */
const SEED = readFileSync("data/articles/000_3d272934acddc640.txt", "utf8");
const CITIES = ["Almaty", "Aktobe", "Taraz", "Shymkent", "Zhanaozen", "Atyrau", "Karaganda", "Kyzylorda", "Oral", "Kostanay", "Pavlodar", "Semey"];
const MINISTERS = ["Karim Massimov", "Askar Mamin", "Yerlan Turgumbayev", "Nurlan Nogayev", "Alikhan Smailov", "Bakytzhan Sagintayev"];

export function corpusArticle(i: number): string {
  const city = CITIES[i % CITIES.length]!;
  const minister = MINISTERS[i % MINISTERS.length]!;
  const surname = minister.split(" ")[1]!;
  const day = 5 + (i % 20);
  return SEED.replace("Riots in Kazakhstan: Apparently explosions in Almaty", `Riots in Kazakhstan: report ${i} from ${city}`)
    .replace("January 8th, 2022 9:12 a.m.", `January ${day}th, 2022 ${1 + (i % 11)}:${String(i % 60).padStart(2, "0")} a.m.`)
    .replaceAll("Almaty", city)
    .replaceAll("Karim Massimov", minister)
    .replaceAll("Massimov", surname)
    .replace("26 demonstrators", `${26 + (i % 300)} demonstrators`)
    .replace("more than 4,000 arrests", `more than ${4000 + i} arrests`)
    .replace("at least 18 police officers", `at least ${18 + (i % 50)} police officers`);
}
