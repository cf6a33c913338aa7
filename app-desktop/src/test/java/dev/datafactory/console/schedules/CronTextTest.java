package dev.datafactory.console.schedules;

import dev.datafactory.model.schedule.CronSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CronTextTest {

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            */15 * * * *   | Every 15 minutes
            * * * * *      | Every minute
            */1 * * * *    | Every minute
            5 * * * *      | Every hour at :05
            30 6 * * *     | Every day at 06:30
            0 9 * * 1-5    | Monday to Friday at 09:00
            0 9 * * MON-FRI | Monday to Friday at 09:00
            0 8 * * 1,3,5  | Every Monday, Wednesday and Friday at 08:00
            0 8 * * 5,3,1  | Every Monday, Wednesday and Friday at 08:00
            0 0 * * 0      | Every Sunday at 00:00
            0 12 * * 6,0   | Every Saturday and Sunday at 12:00
            0 7 * * 0-6    | Every day at 07:00
            0 0 1 * *      | On day 1 of every month at 00:00
            45 23 31 * *   | On day 31 of every month at 23:45
            """)
    void builderPatternsReadLikeEnglish(String expression, String expected) {
        assertThat(CronText.describe(CronSchedule.parse(expression))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 1 1 *         | At 00:00 on day 1 of the month in January
            30 2 15 6 *       | At 02:30 on day 15 of the month in June
            0 0 1 1,7 *       | At 00:00 on day 1 of the month in January and July
            0 0 1,15 * *      | At 00:00 on days 1 and 15 of the month
            0 4 8-14 * *      | At 04:00 on days 8 to 14 of the month
            0 9 * 3 *         | At 09:00 in March
            0 0 * 1-6 *       | At 00:00 from January to June
            */5 9-17 * * *    | Every 5 minutes between 09:00 and 17:59
            */15 9-17 * * 1-5 | Every 15 minutes between 09:00 and 17:59, Monday to Friday
            0 9-17 * * *      | Every hour from 09:00 to 17:00
            30 9-17 * * *     | Every hour from 09:30 to 17:30
            * 9 * * *         | Every minute between 09:00 and 09:59
            15 */4 * * *      | Every 4 hours at :15
            0,30 * * * *      | At minutes 0 and 30 of every hour
            */10 * * * 1-5    | Every 10 minutes, Monday to Friday
            0 22 * 6 1-5      | At 22:00 in June, Monday to Friday
            0 0 1-7 * 1       | At 00:00 on days 1 to 7 of the month on Monday
            """)
    void otherExpressionsKeepCronUtilsMeaningWithoutItsArtefacts(String expression, String expected) {
        String text = CronText.describe(CronSchedule.parse(expression));
        assertThat(text).isEqualTo(expected);
        assertThat(text).doesNotContainPattern("\\b(day|days|month|months|hour|minute) (at|every)\\b|\\d+ day\\b");
    }
}
