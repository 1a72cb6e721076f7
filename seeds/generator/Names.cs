namespace ChildrensWarehouse.Seeds;

/// <summary>
/// Built-in name lists. First and last names are drawn independently, so no generated person is a
/// real one. A few names carry characters that must survive every layer verbatim and be escaped on
/// output: apostrophes (O'Brien, D'Souza), hyphens, and rare data-entry artefacts (an ampersand,
/// a '&lt;', embedded quotes, an embedded line break), which are valid values, not defects.
/// </summary>
internal static class Names
{
    private static readonly string[] BoysBritish =
    [
        "Oliver", "Jack", "Harry", "George", "Charlie", "Jacob", "Thomas", "Oscar", "William", "James",
        "Alfie", "Joshua", "Noah", "Ethan", "Leo", "Riley", "Archie", "Logan", "Mason", "Lewis",
        "Daniel", "Kai", "Tyler", "Callum", "Connor", "Liam", "Jayden", "Kyle", "Reece", "Ben",
        "Dylan", "Max", "Harley", "Alex", "Luke", "Sam", "Finley", "Bradley", "Jake", "Ryan",
        "Ciaran", "Sean", "Declan", "Owen", "Rhys",
    ];

    private static readonly string[] GirlsBritish =
    [
        "Amelia", "Olivia", "Isla", "Emily", "Poppy", "Ava", "Isabella", "Jessica", "Lily", "Sophie",
        "Grace", "Sophia", "Mia", "Evie", "Ruby", "Ella", "Scarlett", "Chloe", "Freya", "Daisy",
        "Megan", "Holly", "Courtney", "Leah", "Jade", "Kayleigh", "Amber", "Paige", "Lacey", "Tia",
        "Summer", "Millie", "Lola", "Phoebe", "Niamh", "Aoife", "Siobhan", "Caitlin", "Erin", "Bethany",
        "Mary-Jane", "Lily-Mae",
    ];

    private static readonly string[] SurnamesBritish =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Harris", "Lewis", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris",
        "King", "Watson", "Harrison", "Morgan", "Baker", "Young", "Allen", "Mitchell", "Parker", "Bennett",
        "Price", "Barker", "Marshall", "Carter", "Fisher", "Palmer", "Holmes", "Dixon", "Mason", "Hunt",
        "O'Brien", "O'Connor", "O'Neill", "O'Sullivan", "McCarthy", "Murphy", "Kelly", "Doyle", "Byrne", "Quinn",
        "Smith-Jones", "Clarke-Evans", "Hughes-Morgan", "Baker-Price",
    ];

    private static readonly string[] BoysEastEuropean =
    [
        "Jakub", "Kacper", "Filip", "Szymon", "Mateusz", "Oskar", "Antoni", "Lukas", "Matas", "Dominykas",
        "Andrei", "Nikolai", "Tomas", "Marek", "Vladimir", "Arturs", "Janis", "Bogdan",
    ];

    private static readonly string[] GirlsEastEuropean =
    [
        "Zofia", "Zuzanna", "Julia", "Maja", "Hanna", "Lena", "Amelia", "Emilija", "Gabija", "Ieva",
        "Anastasia", "Daria", "Kamila", "Natalia", "Alina", "Elena", "Viktoria", "Liga",
    ];

    private static readonly string[] SurnamesEastEuropean =
    [
        "Kowalski", "Nowak", "Wisniewska", "Wojcik", "Kaminski", "Lewandowska", "Zielinski", "Szymanska",
        "Kazlauskas", "Jankauskiene", "Petrauskas", "Berzins", "Ozola", "Popescu", "Ionescu", "Horvath",
        "Novak", "Dvorak", "Balogh", "Ivanova",
    ];

    private static readonly string[] BoysSouthAsian =
    [
        "Muhammad", "Ibrahim", "Yusuf", "Ali", "Hamza", "Zain", "Ayaan", "Arjun", "Rohan", "Aarav",
        "Bilal", "Imran", "Harjit", "Gurpreet", "Rayyan", "Omar",
    ];

    private static readonly string[] GirlsSouthAsian =
    [
        "Ayesha", "Fatima", "Maryam", "Zara", "Aisha", "Hafsa", "Inaya", "Priya", "Anika", "Simran",
        "Noor", "Sana", "Amira", "Jasleen", "Khadija", "Riya",
    ];

    private static readonly string[] SurnamesSouthAsian =
    [
        "Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Begum", "Iqbal", "Shah", "Patel", "Singh",
        "Kaur", "Sharma", "Mahmood", "Rashid", "D'Souza", "D'Costa", "Ahmed-Khan",
    ];

    private static readonly string[] BoysAfrican =
    [
        "Chidi", "Emeka", "Kwame", "Kofi", "Tunde", "Femi", "Abdi", "Yonas", "Samuel", "David",
        "Joel", "Elijah", "Tendai", "Jamal",
    ];

    private static readonly string[] GirlsAfrican =
    [
        "Adeola", "Chioma", "Ama", "Abena", "Folake", "Amara", "Hodan", "Ruth", "Grace", "Blessing",
        "Precious", "Esther", "Nia", "Imani",
    ];

    private static readonly string[] SurnamesAfrican =
    [
        "Okafor", "Mensah", "Adeyemi", "Okonkwo", "Asante", "Boateng", "Mohamed", "Tesfaye", "Mbeki",
        "Banda", "Moyo", "Diallo", "N'Diaye", "Owusu",
    ];

    /// <summary>
    /// Data-entry artefacts found in real case systems, kept rare: valid values that exercise
    /// quoting, escaping and multi-line records.
    /// </summary>
    private static readonly (string? First, string? Last, char Sex)[] Artefacts =
    [
        ("<not known>", null, '*'),
        ("Jayden \"JJ\"", null, 'M'),
        ("Lily\nMay", null, 'F'),
        (null, "Taylor & Moore", '*'),
        ("Baby", "O'Brien", '*'),
    ];

    public static (string First, string Last) ForChild(Random rng, char sex, string ethnicity, bool unborn)
    {
        var (boys, girls, surnames) = ListsFor(ethnicity);
        var last = rng.Pick(surnames);
        string first;
        if (unborn)
        {
            first = "Unborn";
        }
        else
        {
            first = sex == 'F' ? rng.Pick(girls) : rng.Pick(boys);
        }
        if (rng.Chance(1.0 / 800))
        {
            var (artFirst, artLast, artSex) = rng.Pick(Artefacts);
            if (artSex == '*' || artSex == sex)
            {
                first = artFirst ?? first;
                last = artLast ?? last;
            }
        }
        return (first, last);
    }

    public static string ForAdult(Random rng)
    {
        var group = rng.Next(10);
        var ethnicity = group switch
        {
            < 7 => "WBRI",
            7 => "WOTH",
            8 => "APKN",
            _ => "BAFR",
        };
        var (boys, girls, surnames) = ListsFor(ethnicity);
        var first = rng.Chance(0.75) ? rng.Pick(girls) : rng.Pick(boys);
        return first + " " + rng.Pick(surnames);
    }

    private static (string[] Boys, string[] Girls, string[] Surnames) ListsFor(string ethnicity) => ethnicity switch
    {
        "WOTH" or "WROM" => (BoysEastEuropean, GirlsEastEuropean, SurnamesEastEuropean),
        "APKN" or "AIND" or "ABAN" or "AOTH" or "MWAS" => (BoysSouthAsian, GirlsSouthAsian, SurnamesSouthAsian),
        "BAFR" or "BOTH" or "MWBA" => (BoysAfrican, GirlsAfrican, SurnamesAfrican),
        _ => (BoysBritish, GirlsBritish, SurnamesBritish),
    };
}
