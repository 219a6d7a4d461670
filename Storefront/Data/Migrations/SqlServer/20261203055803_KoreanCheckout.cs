using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class KoreanCheckout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PrivacyAgreedAt",
                table: "Orders",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyVersionAgreed",
                table: "Orders",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TermsAgreedAt",
                table: "Orders",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TermsVersionAgreed",
                table: "Orders",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PrivacyAgreedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "PrivacyVersionAgreed",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "TermsAgreedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "TermsVersionAgreed",
                table: "Orders");
        }
    }
}
